import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DeleteButton } from '../../components/DeleteButton';
import { FormModal, useSave } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { createPlan, deletePlan, type PlanRow, studyKeys, studyQueries, updatePlan } from './api';

const quarterText = (q: number | null) => (q ? `第${q}季度` : '全年');

/** 学习计划: an org's plans for the year or a quarter — topics, content — and how many sittings each has. */
export function PlansTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const q = useQuery(studyQueries.plans(orgId, year));
  const [editing, setEditing] = useState<PlanRow | 'new' | null>(null);
  const remove = useAction({
    run: (id: number) => deletePlan(id),
    invalidate: [studyKeys.all],
    success: '已删除学习计划',
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {writable && (
        <Button type="primary" onClick={() => setEditing('new')} data-testid="new-plan">
          制定学习计划
        </Button>
      )}
      {q.isError && <QueryError error={q.error} retry={() => void q.refetch()} />}
      <Table<PlanRow>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        pagination={false}
        expandable={{
          rowExpandable: (r) => r.content.length > 0,
          expandedRowRender: (r) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {r.content}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: '计划', dataIndex: 'title' },
          { title: '期间', dataIndex: 'quarter', width: 90, render: quarterText },
          {
            title: '学习专题',
            dataIndex: 'topics',
            render: (topics: string[]) => (
              <Space wrap size={4}>
                {topics.map((t) => (
                  <Tag key={t}>{t}</Tag>
                ))}
              </Space>
            ),
          },
          { title: '组织', dataIndex: 'orgName', width: 180 },
          {
            title: '活动（已开展/共）',
            width: 130,
            align: 'right',
            render: (_, r) => `${r.heldSessions} / ${r.sessions}`,
          },
          {
            title: '',
            width: 130,
            render: (_, r) =>
              writable && (
                <Space size={4}>
                  <Button size="small" onClick={() => setEditing(r)}>
                    编辑
                  </Button>
                  <DeleteButton
                    title={`删除学习计划“${r.title}”？`}
                    content="计划下的学习活动保留，不再属于任何计划。"
                    onDelete={() => remove.mutateAsync(r.id)}
                  />
                </Space>
              ),
          },
        ]}
        locale={{ emptyText: `${year} 年还没有学习计划` }}
      />
      {editing !== null && (
        <PlanModal
          orgId={orgId}
          year={year}
          plan={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}

interface PlanValues {
  title: string;
  /** 0: the whole year (a Select cannot hold null as a choice). */
  quarter: number;
  topics?: string[];
  content?: string;
}

function PlanModal({
  orgId,
  year,
  plan,
  onClose,
}: {
  orgId: number;
  year: number;
  plan: PlanRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<PlanValues>();
  const save = useSave({
    form,
    fields: ['title', 'quarter', 'topics', 'content'],
    save: (v: PlanValues) => {
      const fields = {
        title: v.title,
        quarter: v.quarter || null,
        topics: v.topics ?? [],
        content: v.content ?? '',
      };
      return plan ? updatePlan(plan.id, fields) : createPlan({ orgId, year, ...fields });
    },
    invalidate: [studyKeys.all],
    success: '已保存学习计划',
    onSaved: onClose,
  });
  return (
    <FormModal<PlanValues>
      title={plan ? '修改学习计划' : `制定 ${year} 年学习计划`}
      form={form}
      initialValues={
        plan
          ? { title: plan.title, quarter: plan.quarter ?? 0, topics: plan.topics, content: plan.content }
          : { quarter: 0, topics: [] }
      }
      saving={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
      width={640}
    >
      <Form.Item name="title" label="计划名称" rules={[{ required: true, message: '请填写计划名称' }]}>
        <Input maxLength={100} placeholder={`${year}年度党员学习教育计划`} />
      </Form.Item>
      <Form.Item name="quarter" label="期间">
        <Select
          style={{ width: 160 }}
          options={[
            { value: 0, label: '全年' },
            ...[1, 2, 3, 4].map((n) => ({ value: n, label: `第${n}季度` })),
          ]}
        />
      </Form.Item>
      <Form.Item name="topics" label="学习专题" extra="输入专题后按回车，可添加多个">
        <Select mode="tags" tokenSeparators={['，', ',']} open={false} placeholder="如：党章、党纪学习" />
      </Form.Item>
      <Form.Item name="content" label="学习内容与安排">
        <Input.TextArea rows={5} maxLength={5000} />
      </Form.Item>
    </FormModal>
  );
}
