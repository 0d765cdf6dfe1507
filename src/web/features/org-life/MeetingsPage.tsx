import { CalendarOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Segmented, Select, Space, Table, type TableProps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { MEETING_STATUSES } from '../../../domain/meeting-record';
import { MEETING_TYPES } from '../../../domain/org-life-rules';
import { yearOf } from '../../../domain/period';
import { useAuth } from '../../app/auth';
import { useToday } from '../../app/today';
import { useUrlParams } from '../../app/url-params';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { OrgTree, orgQueries, useSelectedOrgId } from '../orgs';
import { type MeetingListQuery, type MeetingRow, meetingQueries } from './api';
import { PhaseTag, TypeTags, timeRange } from './display';
import { MeetingCalendar } from './MeetingCalendar';

const STATUS_LABELS: Record<(typeof MEETING_STATUSES)[number], string> = { planned: '计划', held: '已召开' };

/** 会议记录: every sitting of the chosen org's subtree, as a list or a month calendar. */
export function MeetingsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [orgId, setOrgId] = useSelectedOrgId();
  const [params, patch] = useUrlParams();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const [q, setQ] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const thisYear = yearOf(useToday());
  const [year, setYear] = useState<number | undefined>(thisYear);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const query: MeetingListQuery = {
    orgId: orgId ?? undefined,
    q: q.trim() || undefined,
    type: type as MeetingListQuery['type'],
    status: status as MeetingListQuery['status'],
    from: year ? `${year}-01-01` : undefined,
    to: year ? `${year}-12-31` : undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    ...meetingQueries.list(query),
    placeholderData: keepPreviousData,
    enabled: view === 'list',
  });
  const org = useQuery({ ...orgQueries.detail(orgId ?? 0), enabled: orgId !== null });
  // A secretary's scope is one branch: open it, so planning is one click away.
  const roots = useQuery(orgQueries.roots());
  const onlyRoot = roots.data?.length === 1 ? roots.data[0]?.id : undefined;
  useEffect(() => {
    if (orgId === null && onlyRoot !== undefined) setOrgId(onlyRoot);
  }, [orgId, onlyRoot, setOrgId]);
  const canPlan = can('meeting.write') && org.data && !org.data.dissolvedOn;

  const setView = (next: string) => patch({ view: next === 'calendar' ? 'calendar' : null });

  const columns: TableProps<MeetingRow>['columns'] = [
    {
      title: '日期',
      dataIndex: 'date',
      width: 150,
      render: (date: string, m) => (
        <div>
          <div>{date}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {timeRange(m)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '会议',
      dataIndex: 'title',
      render: (title: string, m) => (
        <div>
          <Typography.Link>{title}</Typography.Link>
          <div style={{ marginTop: 4 }}>
            <TypeTags types={m.types} />
          </div>
        </div>
      ),
    },
    { title: '组织', dataIndex: 'orgName', ellipsis: true, responsive: ['lg'] },
    { title: '地点', dataIndex: 'place', ellipsis: true, responsive: ['xl'] },
    {
      title: '出席',
      key: 'attendance',
      width: 110,
      render: (_, m) =>
        m.phase === 'planned' ? (
          <Typography.Text type="secondary">应到 {m.expected}</Typography.Text>
        ) : (
          `${m.present} / ${m.expected}`
        ),
    },
    {
      title: '状态',
      dataIndex: 'phase',
      width: 90,
      render: (phase: MeetingRow['phase']) => <PhaseTag phase={phase} />,
    },
  ];

  const title = org.data ? `${org.data.name} · 会议记录` : '会议记录';

  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree
          selectedId={orgId}
          onSelect={(id) => {
            setOrgId(id);
            setPage(1);
          }}
        />
      </TreeColumn>
      <Card
        title={title}
        style={{ flex: 1, minWidth: 0 }}
        extra={
          <Space wrap>
            <Segmented
              value={view}
              onChange={(v) => setView(String(v))}
              options={[
                { value: 'list', label: '列表', icon: <UnorderedListOutlined /> },
                { value: 'calendar', label: '日历', icon: <CalendarOutlined /> },
              ]}
            />
            {canPlan && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate(`/meetings/new?org=${orgId}`)}
                data-testid="new-meeting"
              >
                新建会议
              </Button>
            )}
          </Space>
        }
      >
        {!canPlan && can('meeting.write') && orgId === null && (
          <Typography.Paragraph type="secondary">在左侧选择一个组织后可以新建会议。</Typography.Paragraph>
        )}
        {view === 'calendar' ? (
          orgId !== null ? (
            <MeetingCalendar orgId={orgId} />
          ) : (
            <Typography.Paragraph type="secondary">请在左侧选择组织以查看会议日历。</Typography.Paragraph>
          )
        ) : (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <Input.Search
                placeholder="会议名称、主题"
                allowClear
                style={{ width: 220 }}
                value={q}
                onChange={(e) => setQ(e.target.value)}
                onSearch={() => setPage(1)}
              />
              <Select
                value={year}
                onChange={(v) => {
                  setYear(v);
                  setPage(1);
                }}
                allowClear
                placeholder="全部年份"
                style={{ width: 120 }}
                options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
                  value: y,
                  label: `${y}年`,
                }))}
              />
              <Select
                value={type}
                onChange={(v) => {
                  setType(v);
                  setPage(1);
                }}
                allowClear
                placeholder="全部类型"
                style={{ width: 150 }}
                options={MEETING_TYPES.map((t) => ({ value: t, label: t }))}
              />
              <Select
                value={status}
                onChange={(v) => {
                  setStatus(v);
                  setPage(1);
                }}
                allowClear
                placeholder="全部状态"
                style={{ width: 120 }}
                options={MEETING_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
              />
            </Space>
            {list.isError ? (
              <QueryError error={list.error} retry={() => void list.refetch()} />
            ) : (
              <Table<MeetingRow>
                rowKey="id"
                size="middle"
                loading={list.isFetching}
                columns={columns}
                dataSource={list.data?.rows ?? []}
                onRow={(m) => ({
                  onClick: () => navigate(`/meetings/${m.id}`),
                  style: { cursor: 'pointer' },
                })}
                locale={{ emptyText: '暂无会议记录' }}
                pagination={{
                  current: page,
                  pageSize,
                  total: list.data?.total ?? 0,
                  showSizeChanger: true,
                  pageSizeOptions: [20, 50, 100],
                  showTotal: (total) => `共 ${total} 次会议`,
                  onChange: (p, size) => {
                    setPage(size !== pageSize ? 1 : p);
                    setPageSize(size);
                  },
                }}
                data-testid="meetings-table"
              />
            )}
          </>
        )}
      </Card>
    </TwoColumns>
  );
}
