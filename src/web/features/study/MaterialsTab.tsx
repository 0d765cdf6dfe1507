import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useToday } from '../../app/today';
import { DateInput } from '../../components/DateInput';
import { DeleteButton } from '../../components/DeleteButton';
import { useSave } from '../../components/FormModal';
import { useAction } from '../../components/useAction';
import {
  createMaterial,
  deleteMaterial,
  type MaterialRow,
  setDaily,
  studyKeys,
  studyQueries,
  uploadMaterial,
} from './api';

export function MaterialsTab({ orgId, writable }: { orgId: number; writable: boolean }) {
  const today = useToday();
  const [day, setDay] = useState(today);
  const isToday = day === today;
  const materials = useQuery(studyQueries.materials(orgId));
  const daily = useQuery(studyQueries.daily(orgId, day));
  const [form] = Form.useForm<MaterialValues>();
  const kind = Form.useWatch('kind', form) ?? 'text';
  const [file, setFile] = useState<File | null>(null);
  const add = useSave({
    form,
    fields: ['title', 'body', 'url', 'hours'],
    save: (v: MaterialValues) => {
      if (v.kind === 'file') {
        if (!file) throw new Error('请选择要上传的文件');
        return uploadMaterial({ orgId, title: v.title, hours: v.hours ?? 0 }, file);
      }
      return createMaterial({
        orgId,
        title: v.title,
        kind: v.kind,
        body: v.body ?? '',
        url: v.kind === 'link' ? (v.url ?? null) : null,
        hours: v.hours ?? 0,
      });
    },
    invalidate: [studyKeys.materials(orgId)],
    success: '已添加学习资料',
    onSaved: () => {
      form.resetFields();
      setFile(null);
    },
  });
  const pick = useAction({
    run: (materialId: number) => setDaily({ orgId, date: day, materialId }),
    invalidate: [studyKeys.all],
  });
  const remove = useAction({
    run: (id: number) => deleteMaterial(id),
    invalidate: [studyKeys.all],
    success: '已删除学习资料',
  });
  const d = daily.data;
  const dayText = isToday ? `今日学习（${day}）` : `${day} 的“今日学习”`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={dayText}
        data-testid="daily-card"
        extra={
          <Space>
            <span>日期</span>
            <div style={{ width: 150 }} data-testid="daily-date">
              <DateInput value={day} allowClear={false} onChange={(v) => v && setDay(v)} />
            </div>
          </Space>
        }
      >
        {d?.material ? (
          <Space orientation="vertical">
            <Typography.Text strong>{d.material.title}</Typography.Text>
            <Typography.Text type="secondary">
              由{d.fromOrgName}设置 · 已读 {d.readers.length} / {d.expected} 人
              {d.readers.length > 0 &&
                `：${d.readers
                  .slice(0, 20)
                  .map((r) => r.name)
                  .join('、')}`}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">
            {isToday ? '今天' : '这一天'}还没有设置“今日学习”
            {writable && '：在下方资料库中选一篇资料'}
          </Typography.Text>
        )}
      </Card>
      {writable && (
        <Form
          form={form}
          layout="inline"
          initialValues={{ kind: 'text', hours: 0 }}
          onFinish={(v) => add.mutate(v)}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="kind">
            <Select
              style={{ width: 100 }}
              options={[
                { value: 'text', label: '文字' },
                { value: 'link', label: '链接' },
                { value: 'file', label: '文件' },
              ]}
            />
          </Form.Item>
          <Form.Item name="title" rules={[{ required: true, message: '请填写标题' }]}>
            <Input placeholder="资料标题" style={{ width: 220 }} />
          </Form.Item>
          {kind === 'link' ? (
            <>
              <Form.Item name="url" rules={[{ required: true, message: '请填写链接' }]}>
                <Input placeholder="https://" style={{ width: 260 }} />
              </Form.Item>
              <Form.Item name="body">
                <Input placeholder="简介（可不填）" style={{ width: 200 }} />
              </Form.Item>
            </>
          ) : kind === 'file' ? (
            <Form.Item extra="PDF、Office 文件或图片，不超过 20 MB">
              <Upload
                accept=".pdf,.doc,.docx,.ppt,.pptx,.xls,.xlsx,.jpg,.jpeg,.png,.gif,.webp"
                maxCount={1}
                fileList={file ? [{ uid: 'material', name: file.name, status: 'done' }] : []}
                onRemove={() => setFile(null)}
                beforeUpload={(f) => {
                  setFile(f);
                  return false;
                }}
              >
                <Button data-testid="material-file">选择文件</Button>
              </Upload>
            </Form.Item>
          ) : (
            <Form.Item name="body" rules={[{ required: true, message: '请填写正文' }]}>
              <Input.TextArea placeholder="正文" autoSize={{ maxRows: 6 }} style={{ width: 360 }} />
            </Form.Item>
          )}
          <Form.Item name="hours" label="参考学时">
            <InputNumber min={0} max={8} step={0.5} style={{ width: 80 }} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            添加资料
          </Button>
        </Form>
      )}
      <Table<MaterialRow>
        rowKey="id"
        size="small"
        loading={materials.isPending}
        dataSource={materials.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t, r) =>
              r.kind !== 'text' && r.url ? (
                <Space>
                  <a href={r.url} target="_blank" rel="noopener noreferrer">
                    {t}
                  </a>
                  <Tag>{r.kind === 'file' ? `文件 ${r.fileName ?? ''}` : '链接'}</Tag>
                </Space>
              ) : (
                t
              ),
          },
          { title: '发布组织', dataIndex: 'orgName', width: 200 },
          { title: '已读', dataIndex: 'reads', width: 70, align: 'right' },
          {
            title: '',
            width: 220,
            render: (_, r) =>
              writable && (
                <Space size={4}>
                  <Button size="small" onClick={() => pick.mutate(r.id)} disabled={d?.material?.id === r.id}>
                    {isToday ? '设为今日学习' : `设为 ${day.slice(5)} 学习`}
                  </Button>
                  {r.orgId === orgId && (
                    <DeleteButton
                      title={`删除学习资料“${r.title}”？`}
                      content="已安排为“今日学习”的日子和阅读记录将一并删除。"
                      onDelete={() => remove.mutateAsync(r.id)}
                    />
                  )}
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}

interface MaterialValues {
  kind: 'text' | 'link' | 'file';
  title: string;
  body?: string;
  url?: string;
  hours?: number;
}
