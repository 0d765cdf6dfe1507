import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  type TableProps,
  Typography,
} from 'antd';
import { useState } from 'react';
import { DUES_CATEGORIES, DUES_RULES, type DuesCategory, monthLabel } from '../../../domain/dues';
import { errorMessage } from '../../app/http';
import { FormModal, useSave } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { type BasesPage, downloadBasesTemplate, duesKeys, duesQueries, setBasis } from './api';
import { MonthInput, type MonthTabProps, toFen, yuan } from './display';
import { ImportBasesModal } from './ImportBasesModal';

type Row = BasesPage['rows'][number];

/** Each member's basis in force in a month, the amount it gives, and how to change it. */
export function BasesTab({ orgId, month, setMonth, canWrite }: MonthTabProps) {
  const { message } = App.useApp();
  const bases = useQuery(duesQueries.bases(orgId, month));
  const [editing, setEditing] = useState<Row | null>(null);
  const [importing, setImporting] = useState(false);
  const columns: TableProps<Row>['columns'] = [
    { title: '姓名', dataIndex: 'name', width: 90, fixed: 'left' },
    { title: '所在组织', dataIndex: 'orgName', width: 110, ellipsis: true },
    { title: '类别', key: 'category', width: 66, render: (_, r) => r.basis?.category ?? r.rosterCategory },
    {
      title: '月收入基数（元）',
      key: 'base',
      width: 120,
      align: 'right',
      render: (_, r) => (r.basis?.baseFen != null ? yuan(r.basis.baseFen) : '—'),
    },
    {
      title: '起始月份',
      key: 'from',
      width: 96,
      render: (_, r) => (r.basis ? monthLabel(r.basis.effectiveMonth) : '—'),
    },
    {
      title: `${monthLabel(month)}应交（元）`,
      dataIndex: 'dueFen',
      width: 100,
      align: 'right',
      render: yuan,
    },
    {
      title: '计算过程',
      dataIndex: 'working',
      width: 220,
      render: (w: string) => w.replace(/（四舍五入到[分角元]）$/, ''),
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'edit',
            width: 80,
            render: (_: unknown, r: Row) => (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                核定
              </Button>
            ),
          },
        ]
      : []),
  ];
  const missing = bases.data?.rows.filter((r) => r.working.startsWith('未核定')).length ?? 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <MonthInput value={month} onChange={(m) => m && setMonth(m)} />
        {canWrite && (
          <>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadBasesTemplate(orgId, month).catch((e) => void message.error(errorMessage(e)))
              }
            >
              下载导入模板
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              批量导入基数
            </Button>
          </>
        )}
      </Space>
      {bases.isError && <QueryError error={bases.error} retry={() => void bases.refetch()} />}
      {missing > 0 && <Alert type="warning" showIcon title={`${missing} 名党员尚未核定月收入基数`} />}
      <Table<Row>
        rowKey="memberId"
        size="small"
        loading={bases.isPending}
        columns={columns}
        dataSource={bases.data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 930 }}
        expandable={{
          rowExpandable: (r) => r.history.length > 1,
          expandedRowRender: (r) => (
            <Typography.Text type="secondary">
              历次核定：
              {r.history
                .map(
                  (h) =>
                    `${monthLabel(h.effectiveMonth)}起 ${h.category}${h.baseFen != null ? ` ${yuan(h.baseFen)} 元` : ''}${h.approvedFen != null ? ` 核定 ${yuan(h.approvedFen)} 元` : ''}`,
                )
                .join('；')}
            </Typography.Text>
          ),
        }}
      />
      {editing && <BasisModal row={editing} month={month} onClose={() => setEditing(null)} />}
      {importing && <ImportBasesModal orgId={orgId} month={month} onClose={() => setImporting(false)} />}
    </Space>
  );
}

interface BasisValues {
  effectiveMonth: string;
  category: DuesCategory;
  base: number | null;
  chosen: number | null;
  approved: number | null;
  approvalNote: string | null;
}

function BasisModal({ row, month, onClose }: { row: Row; month: string; onClose: () => void }) {
  const [form] = Form.useForm<BasisValues>();
  const category = (Form.useWatch('category', form) ??
    row.basis?.category ??
    row.rosterCategory) as DuesCategory;
  const kind = DUES_RULES[category]?.kind ?? 'bands';
  const save = useSave({
    form,
    fields: ['baseFen', 'chosenFen', 'approvedFen', 'approvalNote'],
    save: (v: BasisValues) =>
      setBasis({
        memberId: row.memberId,
        effectiveMonth: v.effectiveMonth,
        category: v.category,
        baseFen: toFen(v.base),
        chosenFen: toFen(v.chosen),
        approvedFen: toFen(v.approved),
        approvalNote: v.approvalNote || null,
      }),
    invalidate: [duesKeys.all],
    waitForRefresh: true,
    success: (r) => {
      const notes = [
        r.recomputed.length ? `已重新计算：${r.recomputed.map(monthLabel).join('、')}` : '',
        r.closedUnchanged.length
          ? `已结账月份未改动（${r.closedUnchanged.map(monthLabel).join('、')}），如需补差请录入调整`
          : '',
      ].filter(Boolean);
      return `已核定${row.name}的党费基数${notes.length ? `。${notes.join('；')}` : ''}`;
    },
    onSaved: onClose,
  });
  return (
    <FormModal<BasisValues>
      title={`核定党费基数 · ${row.name}`}
      form={form}
      initialValues={{
        effectiveMonth: month,
        category: (row.basis?.category ??
          (DUES_CATEGORIES.includes(row.rosterCategory as DuesCategory)
            ? row.rosterCategory
            : '其他')) as DuesCategory,
        base: row.basis?.baseFen != null ? Number(yuan(row.basis.baseFen)) : null,
        chosen: row.basis?.chosenFen != null ? Number(yuan(row.basis.chosenFen)) : null,
        approved: null,
        approvalNote: null,
      }}
      saving={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
    >
      <Form.Item
        name="effectiveMonth"
        label="起始月份"
        extra="新的工资或退休费从发放当月起计算党费"
        rules={[{ required: true, message: '请选择起始月份' }]}
      >
        <MonthInput />
      </Form.Item>
      <Form.Item name="category" label="党费类别">
        <Select options={DUES_CATEGORIES.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      {kind === 'bands' && (
        <Form.Item
          name="base"
          label="月收入基数（税后，元）"
          validateFirst
          rules={[{ type: 'number', min: 0, message: '基数不能为负数' }]}
        >
          <InputNumber min={0} precision={2} style={{ width: 200 }} suffix="元" />
        </Form.Item>
      )}
      {kind === 'range' && (
        <Form.Item name="chosen" label="每月交纳金额（0.20–1.00 元）">
          <InputNumber min={0.2} max={1} step={0.1} precision={2} style={{ width: 200 }} suffix="元" />
        </Form.Item>
      )}
      {kind === 'fixed' && (
        <Typography.Paragraph type="secondary">{DUES_RULES[category].regulation}</Typography.Paragraph>
      )}
      <Form.Item name="approved" label="经批准少交或免交：核定金额（元，免交填 0，不适用留空）">
        <InputNumber min={0} precision={2} style={{ width: 200 }} suffix="元" />
      </Form.Item>
      <Form.Item name="approvalNote" label="批准情况">
        <Input maxLength={200} placeholder="如：2026年11月支委会研究同意，报机关党委备案" />
      </Form.Item>
    </FormModal>
  );
}
