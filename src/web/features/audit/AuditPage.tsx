import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Input, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { MEMBER_FIELD_LABELS } from '../../../domain/member-record';
import { useToday } from '../../app/today';
import { toIso } from '../../components/DateInput';
import { QueryError } from '../../components/QueryError';
import { type AuditEntry, type AuditQuery, auditQueries } from './api';

const ENTITY_LABELS: Record<string, string> = {
  member: '党员',
  org: '组织',
  org_post: '任职',
  account: '账号',
  dictionary: '字典',
};

const ACTION_LABELS: Record<string, { label: string; color: string }> = {
  create: { label: '新增', color: 'green' },
  update: { label: '修改', color: 'blue' },
  delete: { label: '删除', color: 'red' },
  import: { label: '导入', color: 'cyan' },
  login: { label: '登录', color: 'default' },
  logout: { label: '退出', color: 'default' },
  security: { label: '安全', color: 'orange' },
  event: { label: '状态变动', color: 'purple' },
};

/** Field names as people say them; anything not listed shows its key. */
const FIELD_LABELS: Record<string, string> = {
  ...MEMBER_FIELD_LABELS,
  id: '编号',
  orgName: '所在组织',
  idCardMasked: '身份证号（脱敏）',
  status: '党员状态',
  isFlowing: '流动党员',
  flowNote: '流动情况',
  hasAccount: '已开通账号',
  type: '类型',
  shortName: '简称',
  unitName: '所在单位',
  establishedOn: '成立日期',
  termStart: '本届任期开始',
  termExtensionMonths: '延期月数',
  dissolvedOn: '撤销日期',
  dissolveReason: '撤销原因',
  parentId: '上级组织',
  post: '职务',
  holderName: '任职人',
  startDate: '任职日期',
  endDate: '离任日期',
  loginName: '登录名',
  displayName: '显示名',
  disabled: '停用',
  role: '角色',
  label: '名称',
  active: '启用',
  kind: '类别',
};

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What changed: one line per field whose value differs (all fields for a creation or deletion). */
function ChangeDetail({ entry }: { entry: AuditEntry }) {
  const before = isRecord(entry.before) ? entry.before : null;
  const after = isRecord(entry.after) ? entry.after : null;
  if (!before && !after) return <Typography.Text type="secondary">此操作没有记录字段变化</Typography.Text>;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const rows = keys
    .filter((k) => !before || !after || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({
      key: k,
      field: FIELD_LABELS[k] ?? k,
      before: show(before?.[k]),
      after: show(after?.[k]),
    }));
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="audit-change"
      locale={{ emptyText: '没有字段变化' }}
      columns={[
        { title: '字段', dataIndex: 'field', width: 160 },
        {
          title: '修改前',
          dataIndex: 'before',
          render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
        },
        {
          title: '修改后',
          dataIndex: 'after',
          render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
        },
      ]}
    />
  );
}

export function AuditPage() {
  const today = useToday();
  const [q, setQ] = useState('');
  const [entity, setEntity] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query: AuditQuery = {
    q: q || undefined,
    entity,
    from: toIso(range?.[0]) ?? undefined,
    to: toIso(range?.[1]) ?? undefined,
    page,
    pageSize,
  };
  const list = useQuery({ ...auditQueries.list(query), placeholderData: keepPreviousData });

  return (
    <Card
      title="审计日志"
      extra={<Typography.Text type="secondary">每一项修改都有记录，不可更改</Typography.Text>}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          placeholder="关键词（姓名、摘要、操作人）"
          allowClear
          style={{ width: 280 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="audit-search"
        />
        <Select<string>
          allowClear
          placeholder="对象类型"
          style={{ width: 140 }}
          value={entity}
          options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(v) => {
            setEntity(v);
            setPage(1);
          }}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setRange(v);
            setPage(1);
          }}
          disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        />
      </div>
      {list.isError ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.rows}
          data-testid="audit-table"
          scroll={{ x: 960 }}
          expandable={{
            expandedRowRender: (entry) => <ChangeDetail entry={entry} />,
            rowExpandable: (entry) => entry.before !== null || entry.after !== null,
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            {
              title: '时间',
              dataIndex: 'at',
              width: 160,
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
            },
            { title: '操作人', dataIndex: 'actorName', width: 180, ellipsis: true },
            {
              title: '操作',
              dataIndex: 'action',
              width: 90,
              render: (v: string) => {
                const a = ACTION_LABELS[v];
                return <Tag color={a?.color}>{a?.label ?? v}</Tag>;
              },
            },
            {
              title: '对象',
              key: 'entity',
              width: 110,
              render: (_, e) => `${ENTITY_LABELS[e.entity] ?? e.entity} #${e.entityId}`,
            },
            { title: '摘要', dataIndex: 'summary' },
            { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
    </Card>
  );
}
