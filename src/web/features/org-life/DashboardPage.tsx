import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Card,
  Col,
  Empty,
  Grid,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isPeriodKey, periodKeyOf } from '../../../domain/period';
import { useToday } from '../../app/today';
import { idParam, useUrlParams } from '../../app/url-params';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { OrgTree, orgQueries, useFirstRootUntilChosen, useOrgTreeState } from '../orgs';
import { type BranchHeatRow, type Dashboard, type HeatRow, orgLifeQueries } from './api';
import { HeatMapChart, HeatMapTable, type RowActions } from './HeatMap';
import { compliancePath, hasOwnObligations } from './heat-map';
import { PeriodPicker } from './PeriodPicker';
import { TrendCharts } from './TrendCharts';

const OVERDUE_PAGE_SIZE = 10;

/** The org and period shown, kept in the URL (?orgId=12&period=2026-Q4): the overdue digest links here. */
function useOrgPeriod() {
  const [params, patch] = useUrlParams();
  const orgId = idParam(params, 'orgId');
  const today = useToday();
  const rawPeriod = params.get('period') ?? '';
  const period = isPeriodKey(rawPeriod) ? rawPeriod : periodKeyOf('year', today);
  return { orgId, period, today, set: patch };
}

/** 组织生活概览: compliance of a subtree at a glance, for the committees above the branches. */
export function DashboardPage() {
  const { orgId, period, today, set } = useOrgPeriod();
  const roots = useFirstRootUntilChosen(orgId, (id) => set({ orgId: id }));

  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree
          selectedId={orgId}
          onSelect={(id) => id !== null && set({ orgId: id }, true)}
          keepSelection
        />
      </TreeColumn>
      <div style={{ flex: 1, minWidth: 0 }}>
        {orgId === null ? (
          roots.isError ? (
            <QueryError error={roots.error} retry={() => void roots.refetch()} />
          ) : roots.data && roots.data.length === 0 ? (
            <Card>
              <Empty description="权限范围内没有组织" />
            </Card>
          ) : (
            <Spin style={{ display: 'block', margin: 48 }} />
          )
        ) : (
          <DashboardView
            orgId={orgId}
            period={period}
            today={today}
            rootIds={(roots.data ?? []).map((r) => r.id)}
            onOrg={(id) => set({ orgId: id }, true)}
            onPeriod={(key) => set({ period: key })}
          />
        )}
      </div>
    </TwoColumns>
  );
}

function DashboardView({
  orgId,
  period,
  today,
  rootIds,
  onOrg,
  onPeriod,
}: {
  orgId: number;
  period: string;
  today: string;
  rootIds: number[];
  onOrg: (id: number) => void;
  onPeriod: (key: string) => void;
}) {
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const dashboard = useQuery({
    ...orgLifeQueries.dashboard(orgId, period),
    placeholderData: keepPreviousData,
  });
  // While another org loads, its predecessor's numbers are not shown under the new name.
  const d = dashboard.data?.org.id === orgId ? dashboard.data : undefined;
  const year = Number(period.slice(0, 4));

  const actions: RowActions = {
    drill: (row: HeatRow) => onOrg(row.org.id),
    open: (row: HeatRow) => void navigate(compliancePath(row.org.id, year)),
  };

  const picker = <PeriodPicker value={period} onChange={onPeriod} today={d?.today ?? today} />;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="org-life-dashboard">
      <Card
        size="small"
        title={
          <span>
            组织生活概览
            {d && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8, fontSize: 13 }}>
                {d.period.label}
              </Typography.Text>
            )}
          </span>
        }
        extra={!compact && picker}
      >
        {compact && <div style={{ marginBottom: 8 }}>{picker}</div>}
        <OrgBreadcrumb orgId={orgId} rootIds={rootIds} onOrg={onOrg} />
        {dashboard.isError ? (
          <div style={{ marginTop: 12 }}>
            <QueryError error={dashboard.error} retry={() => void dashboard.refetch()} />
          </div>
        ) : !d ? (
          <Spin style={{ display: 'block', margin: 32 }} />
        ) : (
          <Tallies dashboard={d} />
        )}
      </Card>
      {d && (
        <>
          <Card
            size="small"
            title="达标热力图"
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {compact
                  ? '点击组织查看详情'
                  : '点击机关党委、党总支查看下级，点击党支部、党小组查看达标详情'}
              </Typography.Text>
            }
            styles={{ header: { flexWrap: 'wrap', rowGap: 4 } }}
            loading={dashboard.isFetching && dashboard.isPlaceholderData}
          >
            {d.rows.length === 0 ? (
              <Empty description="该组织没有下级组织，也没有应开的会议" />
            ) : (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                <HeatMapChart dashboard={d} actions={actions} compact={compact} />
                <HeatMapTable dashboard={d} actions={actions} compact={compact} />
              </Space>
            )}
          </Card>
          <Card size="small" title={`${year}年逐月趋势`}>
            <TrendCharts trend={d.trend} compact={compact} />
          </Card>
          <OverdueBranches
            key={`${orgId}|${period}`}
            orgId={orgId}
            period={period}
            year={year}
            label={d.period.label}
          />
        </>
      )}
    </Space>
  );
}

/** From the top of the user's scope down to the org shown; every level above is a link back up. */
function OrgBreadcrumb({
  orgId,
  rootIds,
  onOrg,
}: {
  orgId: number;
  rootIds: number[];
  onOrg: (id: number) => void;
}) {
  const detail = useQuery(orgQueries.detail(orgId));
  const { expand } = useOrgTreeState();
  const ancestors = useMemo(() => {
    const all = detail.data?.ancestors ?? [];
    if (rootIds.includes(orgId)) return [];
    const start = all.findIndex((a) => rootIds.includes(a.id));
    return start >= 0 ? all.slice(start) : [];
  }, [detail.data, rootIds, orgId]);

  // Drilling down on the map opens the same path in the tree, so the two never disagree.
  useEffect(() => {
    if (ancestors.length > 0) expand(ancestors.map((a) => a.id));
  }, [ancestors, expand]);

  if (!detail.data) return null;
  return (
    <Breadcrumb
      data-testid="org-breadcrumb"
      items={[
        ...ancestors.map((a) => ({
          key: a.id,
          title: (
            <Typography.Link onClick={() => onOrg(a.id)} data-testid={`crumb-${a.id}`}>
              {a.name}
            </Typography.Link>
          ),
        })),
        { key: orgId, title: <Typography.Text strong>{detail.data.name}</Typography.Text> },
      ]}
    />
  );
}

function Tallies({ dashboard }: { dashboard: Dashboard }) {
  const t = dashboard.overall;
  const rate = t.due > 0 ? Math.round((t.done / t.due) * 1000) / 10 : null;
  const items = [
    { key: 'due', title: '应开会议（项）', value: t.due, color: undefined },
    { key: 'done', title: '已完成', value: t.done, color: '#389e0d' },
    { key: 'pending', title: '待完成', value: t.pending, color: '#d48806' },
    { key: 'overdue', title: '逾期', value: t.overdue, color: '#cf1322' },
  ];
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        {items.map((item) => (
          <Col xs={12} sm={8} lg={4} key={item.key}>
            <Statistic
              title={item.title}
              value={item.value}
              styles={{ content: { color: item.color } }}
              data-testid={`tally-${item.key}`}
            />
          </Col>
        ))}
        <Col xs={12} sm={8} lg={4}>
          <Statistic title="完成率" value={rate ?? '—'} suffix={rate === null ? undefined : '%'} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
        每个组织每种会议每个周期计为一项；“待完成”为周期尚未结束、尚未开够的会议。统计截至 {dashboard.today}
        ，自 {dashboard.trackingSince} 起统计。
      </Typography.Paragraph>
      {dashboard.period.end < dashboard.trackingSince && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          title={`所选期间早于统计起始日期（${dashboard.trackingSince}），没有统计数据。`}
        />
      )}
    </>
  );
}

/** Every branch and group of the subtree that is overdue in the period, worst first, paged by the server. */
function OverdueBranches({
  orgId,
  period,
  year,
  label,
}: {
  orgId: number;
  period: string;
  year: number;
  label: string;
}) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const query = { orgId, period, status: '逾期', page, pageSize: OVERDUE_PAGE_SIZE };
  const branches = useQuery({ ...orgLifeQueries.branches(query), placeholderData: keepPreviousData });

  const columns: TableProps<BranchHeatRow>['columns'] = [
    {
      title: '组织',
      key: 'org',
      render: (_, row) =>
        hasOwnObligations(row.org.type) ? (
          <Typography.Link
            onClick={() => void navigate(compliancePath(row.org.id, year))}
            data-testid={`overdue-${row.org.id}`}
          >
            {row.org.name}
          </Typography.Link>
        ) : (
          row.org.name
        ),
    },
    {
      title: '上级组织',
      key: 'parent',
      responsive: ['md'],
      render: (_, row) => <Typography.Text type="secondary">{row.parentName ?? '—'}</Typography.Text>,
    },
    {
      title: '逾期的会议',
      key: 'types',
      render: (_, row) => (
        <Space size={[0, 4]} wrap>
          {Object.entries(row.cells)
            .filter(([, cell]) => cell.overdue > 0)
            .map(([type, cell]) => (
              <Tag color="red" key={type}>
                {type}
                {cell.overdue > 1 ? ` ×${cell.overdue}` : ''}
              </Tag>
            ))}
        </Space>
      ),
    },
    { title: '逾期', key: 'overdue', width: 64, align: 'right', render: (_, row) => row.total.overdue },
    {
      title: '待完成',
      key: 'pending',
      width: 72,
      align: 'right',
      responsive: ['sm'],
      render: (_, row) => row.total.pending,
    },
  ];

  return (
    <Card
      size="small"
      title={`逾期的党支部、党小组（${label}）`}
      extra={
        branches.data && (
          <Typography.Text type="secondary" data-testid="overdue-total">
            共 {branches.data.total} 个
          </Typography.Text>
        )
      }
    >
      {branches.isError ? (
        <QueryError error={branches.error} retry={() => void branches.refetch()} />
      ) : (
        <Table<BranchHeatRow>
          size="small"
          rowKey={(r) => r.org.id}
          columns={columns}
          dataSource={branches.data?.rows}
          loading={branches.isFetching}
          data-testid="overdue-branches"
          locale={{ emptyText: '本期没有逾期的党支部和党小组' }}
          pagination={{
            current: page,
            pageSize: OVERDUE_PAGE_SIZE,
            total: branches.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
        />
      )}
    </Card>
  );
}
