import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Table, type TableProps, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { MEMBER_STATUSES, type MemberStatus } from '../../../domain/member-status';
import type { OrgType } from '../../../domain/org-rules';
import { useAuth } from '../../app/auth';
import { errorMessage } from '../../app/http';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { dictionaryOptions, useDictionaries } from '../dictionaries';
import { MEMBER_HOLDING_TYPES, OrgTree, orgQueries, useSelectedOrgId } from '../orgs';
import {
  downloadRosterTemplate,
  exportRoster,
  type MemberFilter,
  type MemberListQuery,
  type MemberRow,
  memberQueries,
} from './api';
import { CreateMemberModal } from './CreateMemberModal';
import { StatusTag } from './display';
import { ImportModal } from './ImportModal';
import { MemberDrawer } from './MemberDrawer';

type Sort = NonNullable<MemberListQuery['sort']>;
type StatusFilter = MemberStatus | '在册' | 'all';

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: '在册', label: '在册（正式+预备）' },
  ...MEMBER_STATUSES.map((s) => ({ value: s, label: s })),
  { value: 'all', label: '全部状态' },
];

const SORTABLE: Record<string, Sort> = {
  name: 'name',
  birthDate: 'birthDate',
  joinedOn: 'joinedOn',
  orgName: 'org',
};

export function RosterPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useSelectedOrgId();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('在册');
  const [category, setCategory] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<{ sort: Sort; order: 'asc' | 'desc' } | null>(null);
  const [openMemberId, setOpenMemberId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const [exporting, setExporting] = useState(false);
  const dictionaries = useDictionaries();

  const filter: MemberFilter = {
    orgId: orgId ?? undefined,
    q: q.trim() || undefined,
    status: status === 'all' ? undefined : status,
    category,
    ...(sort ?? {}),
  };
  const query: MemberListQuery = { ...filter, page, pageSize };
  const list = useQuery({ ...memberQueries.list(query), placeholderData: keepPreviousData });
  const selectedOrg = useQuery({ ...orgQueries.detail(orgId ?? 0), enabled: orgId !== null });
  const org = orgId !== null ? selectedOrg.data : undefined;
  const holdsMembers = org && MEMBER_HOLDING_TYPES.includes(org.type as OrgType) && !org.dissolvedOn;
  const defaultOrg = holdsMembers
    ? { id: org.id, name: org.name, type: org.type as (typeof MEMBER_HOLDING_TYPES)[number] }
    : null;
  const canWrite = can('member.write');
  // The dialogs open on the selected org: until it has loaded they would open on none (and stay so).
  const orgLoading = orgId !== null && selectedOrg.isPending;

  const resetPage = () => setPage(1);

  const onTableChange: TableProps<MemberRow>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? SORTABLE[String(s.columnKey)] : undefined;
    const nextSort = key
      ? { sort: key, order: s?.order === 'descend' ? ('desc' as const) : ('asc' as const) }
      : null;
    const sortChanged = JSON.stringify(nextSort) !== JSON.stringify(sort);
    setSort(nextSort);
    setPageSize(pagination.pageSize ?? 20);
    setPage(sortChanged ? 1 : (pagination.current ?? 1));
  };

  const sortOrderOf = (key: string) =>
    sort && SORTABLE[key] === sort.sort
      ? sort.order === 'asc'
        ? ('ascend' as const)
        : ('descend' as const)
      : null;

  const onExport = async () => {
    setExporting(true);
    try {
      await exportRoster(filter);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<MemberRow>['columns'] = [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      width: 96,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (v: string) => <Typography.Link>{v}</Typography.Link>,
    },
    { title: '性别', dataIndex: 'sex', width: 56 },
    { title: '民族', dataIndex: 'ethnicity', width: 80 },
    {
      title: '出生日期',
      dataIndex: 'birthDate',
      key: 'birthDate',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf('birthDate'),
    },
    {
      title: '所在组织',
      dataIndex: 'orgName',
      key: 'orgName',
      width: 200,
      ellipsis: { showTitle: true },
      sorter: true,
      sortOrder: sortOrderOf('orgName'),
    },
    {
      title: '身份证号',
      dataIndex: 'idCardMasked',
      width: 180,
      render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
    },
    { title: '手机号', dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '学历', dataIndex: 'education', width: 100, render: (v: string | null) => v ?? '—' },
    {
      title: '入党日期',
      dataIndex: 'joinedOn',
      key: 'joinedOn',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf('joinedOn'),
    },
    {
      title: '职务',
      dataIndex: 'jobTitle',
      width: 100,
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    { title: '人员类别', dataIndex: 'category', width: 88 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      render: (v: MemberStatus, row) => (
        <Space size={2}>
          <StatusTag status={v} />
          {row.isFlowing && (
            <Tooltip title="流动党员">
              <Typography.Text type="secondary">流</Typography.Text>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  const title = orgId === null ? '花名册（全部权限范围）' : org ? `花名册 · ${org.name}` : '花名册';

  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree
          selectedId={orgId}
          onSelect={(id) => {
            setOrgId(id);
            resetPage();
          }}
        />
      </TreeColumn>
      <Card
        title={title}
        extra={
          list.data && (
            <Typography.Text type="secondary" data-testid="roster-total">
              共 {countText(list.data.total, list.data.totalCapped)} 人
            </Typography.Text>
          )
        }
        style={{ flex: 1, minWidth: 0 }}
        styles={{ body: { paddingTop: 12 } }}
      >
        <div
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            gap: 8,
            marginBottom: 12,
            justifyContent: 'space-between',
          }}
        >
          <Space wrap size={8}>
            <Input.Search
              placeholder="姓名 / 手机号 / 身份证号后四位"
              allowClear
              style={{ width: 280 }}
              onSearch={(value) => {
                setQ(value);
                resetPage();
              }}
              data-testid="roster-search"
            />
            <Select<StatusFilter>
              value={status}
              options={STATUS_OPTIONS}
              style={{ width: 176 }}
              onChange={(v) => {
                setStatus(v);
                resetPage();
              }}
            />
            <Select<string>
              value={category}
              allowClear
              placeholder="人员类别"
              options={dictionaryOptions(dictionaries.data, 'category')}
              style={{ width: 130 }}
              onChange={(v) => {
                setCategory(v);
                resetPage();
              }}
            />
          </Space>
          <Space wrap size={8}>
            {canWrite && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={orgLoading}
                onClick={() => setDialog('create')}
              >
                新增党员
              </Button>
            )}
            {canWrite && (
              <Button
                icon={<UploadOutlined />}
                disabled={orgLoading}
                onClick={() => setDialog('import')}
                data-testid="open-import"
              >
                导入
              </Button>
            )}
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void onExport()}>
              导出 Excel
            </Button>
            {canWrite && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void downloadRosterTemplate().catch((e) => message.error(errorMessage(e)))}
              >
                下载模板
              </Button>
            )}
          </Space>
        </div>
        {list.isError ? (
          <QueryError error={list.error} retry={() => void list.refetch()} />
        ) : (
          <Table<MemberRow>
            className="zb-clickable-rows"
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.rows}
            loading={list.isFetching}
            scroll={{ x: 1340 }}
            onChange={onTableChange}
            onRow={(row) => ({ onClick: () => setOpenMemberId(row.id) })}
            locale={{ emptyText: q ? `没有找到与“${q}”相符的党员` : '暂无党员' }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `共 ${countText(total, list.data?.totalCapped ?? false)} 人`,
            }}
            data-testid="roster-table"
          />
        )}
      </Card>
      <MemberDrawer memberId={openMemberId} onClose={() => setOpenMemberId(null)} />
      {dialog === 'create' && (
        <CreateMemberModal
          defaultOrg={defaultOrg}
          onClose={(createdId) => {
            setDialog(null);
            if (createdId) setOpenMemberId(createdId);
          }}
        />
      )}
      {dialog === 'import' && <ImportModal defaultOrg={defaultOrg} onClose={() => setDialog(null)} />}
    </TwoColumns>
  );
}

/** "1,234", or "10,000+" when the server stopped counting. */
function countText(total: number, capped: boolean): string {
  return `${total.toLocaleString('zh-CN')}${capped ? '+' : ''}`;
}
