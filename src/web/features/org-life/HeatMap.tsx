import { Table, type TableProps, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { ComplianceStatus } from '../../../domain/org-life-rules';
import { EChart, type EChartClick, type EChartOption } from '../../components/EChart';
import type { Dashboard, HeatRow, Tally } from './api';
import { hasOwnObligations, STATUS_FILL, STATUS_TAG, shortNames } from './heat-map';

const STATUS_ORDER: readonly ComplianceStatus[] = ['已完成', '待完成', '逾期', '不适用'];
/** Beyond this many rows the chart would be a wall of colour; the table below still lists every row. */
const CHART_ROWS_MAX = 60;
const NAME_WIDTH = 220;
const NAME_WIDTH_PHONE = 136;
const CELL_WIDTH = 80;

export interface RowActions {
  /** Opens the row's children on this dashboard. */
  drill: (row: HeatRow) => void;
  /** Opens the row's own compliance page (a branch or a group). */
  open: (row: HeatRow) => void;
}

/** What clicking a row does first: into a committee's children, else to a branch's own obligations. */
export function primaryAction(row: HeatRow, currentOrgId: number): 'drill' | 'open' | null {
  const canDrill = row.org.hasChildren && row.org.id !== currentOrgId;
  if (hasOwnObligations(row.org.type)) return 'open';
  return canDrill ? 'drill' : null;
}

function act(row: HeatRow, currentOrgId: number, actions: RowActions) {
  const action = primaryAction(row, currentOrgId);
  if (action === 'drill') actions.drill(row);
  if (action === 'open') actions.open(row);
}

function tallyText(t: Tally): string {
  if (t.due === 0) return '无应开会议';
  const parts = [`应完成 ${t.due}`, `已完成 ${t.done}`];
  if (t.pending > 0) parts.push(`待完成 ${t.pending}`);
  if (t.overdue > 0) parts.push(`逾期 ${t.overdue}`);
  return parts.join('，');
}

/** What both drawings of the heat map take: the dashboard's answer, what a row's click does, and a phone's narrow layout. */
interface HeatMapProps {
  dashboard: Dashboard;
  actions: RowActions;
  compact: boolean;
}

/** Rows = child orgs, columns = meeting types, coloured by status; a click drills down or opens the branch. */
export function HeatMapChart({ dashboard, actions, compact }: HeatMapProps) {
  const rows = dashboard.rows;
  const option = useMemo<EChartOption>(() => {
    const labels = shortNames(rows.map((r) => r.org.name));
    const data = rows.flatMap((row, y) =>
      dashboard.types.map((type, x) => {
        const cell = row.cells[type];
        const status = cell?.status ?? '不适用';
        return {
          value: [x, y, STATUS_ORDER.indexOf(status)],
          tally: cell,
          itemStyle: { color: STATUS_FILL[status] },
          label: {
            color: status === '不适用' ? '#8c8c8c' : '#fff',
            formatter: cell && cell.due > 0 ? `${cell.done}/${cell.due}` : '—',
          },
        };
      }),
    );
    return {
      animation: false,
      tooltip: {
        confine: true,
        formatter: (p: { data?: { value: number[]; tally?: Tally } }) => {
          if (!p.data) return '';
          const [x, y] = p.data.value as [number, number];
          const row = rows[y];
          const t = p.data.tally;
          if (!row || !t) return '';
          return `${row.org.name}<br/>${dashboard.types[x]}：<b>${t.status}</b><br/>${tallyText(t)}`;
        },
      },
      grid: { left: 8, right: 8, top: compact ? 56 : 24, bottom: 4, containLabel: true },
      xAxis: {
        type: 'category',
        position: 'top',
        data: dashboard.types,
        splitArea: { show: false },
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { interval: 0, rotate: compact ? 40 : 0, fontSize: 12, color: '#595959' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: labels,
        triggerEvent: true,
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: {
          width: compact ? 96 : 220,
          overflow: 'truncate',
          color: '#1f1f1f',
          fontSize: 12,
        },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: true, fontSize: 11 },
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 },
          emphasis: { itemStyle: { borderColor: '#262626', borderWidth: 2 } },
        },
      ],
    };
  }, [rows, dashboard.types, compact]);

  if (rows.length > CHART_ROWS_MAX)
    return (
      <Typography.Paragraph type="secondary">
        下级组织共 {rows.length} 个，热力图从略，请查看下方表格或在左侧选择下一级组织。
      </Typography.Paragraph>
    );

  const onClick = (event: EChartClick) => {
    let index = -1;
    if (event.componentType === 'series' && Array.isArray(event.value)) index = Number(event.value[1]);
    // A row label: ECharts reports its position among the axis labels (every label is shown).
    else if (event.componentType === 'yAxis')
      index = Number((event as unknown as { tickIndex?: number }).tickIndex ?? -1);
    const row = rows[index];
    if (row) act(row, dashboard.org.id, actions);
  };

  return (
    <div data-testid="heat-map-chart">
      <EChart option={option} onClick={onClick} style={{ height: rows.length * 36 + (compact ? 84 : 48) }} />
      <Legend />
    </div>
  );
}

function Legend() {
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', justifyContent: 'center', fontSize: 12 }}>
      {STATUS_ORDER.map((s) => (
        <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span style={{ width: 12, height: 12, borderRadius: 2, background: STATUS_FILL[s] }} />
          {s}
        </span>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        格内数字：已完成 / 应完成
      </Typography.Text>
    </div>
  );
}

function Cell({ orgId, type, tally }: { orgId: number | 'total'; type: string; tally: Tally | undefined }) {
  const status = tally?.status ?? '不适用';
  return (
    <div title={tally ? tallyText(tally) : undefined} style={{ lineHeight: 1.3 }}>
      <Tag
        color={STATUS_TAG[status]}
        style={{ marginInlineEnd: 0 }}
        data-testid={`heat-cell-${orgId}-${type}`}
      >
        {status}
      </Tag>
      {tally && tally.due > 0 && (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tally.done}/{tally.due}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** The heat map's cells as a table: the status in words (readable by screen readers and tests alike). */
export function HeatMapTable({ dashboard, actions, compact }: HeatMapProps) {
  const currentId = dashboard.org.id;
  const nameWidth = compact ? NAME_WIDTH_PHONE : NAME_WIDTH;
  const columns: TableProps<HeatRow>['columns'] = [
    {
      title: '组织',
      key: 'org',
      fixed: 'left',
      width: nameWidth,
      render: (_, row) => {
        const action = primaryAction(row, currentId);
        const canAlsoDrill = action === 'open' && row.org.hasChildren && row.org.id !== currentId;
        return (
          <div>
            {action ? (
              <Typography.Link
                onClick={() => act(row, currentId, actions)}
                data-testid={`heat-row-${row.org.id}`}
              >
                {row.org.name}
              </Typography.Link>
            ) : (
              <Typography.Text>{row.org.name}</Typography.Text>
            )}
            <div style={{ fontSize: 12 }}>
              <Typography.Text type="secondary">{row.org.type}</Typography.Text>
              {canAlsoDrill && (
                <Typography.Link
                  style={{ marginLeft: 8, fontSize: 12 }}
                  onClick={() => actions.drill(row)}
                  data-testid={`heat-drill-${row.org.id}`}
                >
                  查看党小组
                </Typography.Link>
              )}
            </div>
          </div>
        );
      },
    },
    ...dashboard.types.map((type) => ({
      title: type,
      key: type,
      width: CELL_WIDTH,
      align: 'center' as const,
      render: (_: unknown, row: HeatRow) => <Cell orgId={row.org.id} type={type} tally={row.cells[type]} />,
    })),
    {
      title: '合计',
      key: 'total',
      width: CELL_WIDTH,
      align: 'center',
      render: (_, row) => <Cell orgId={row.org.id} type="合计" tally={row.total} />,
    },
  ];

  return (
    <Table<HeatRow>
      size="small"
      rowKey={(r) => r.org.id}
      columns={columns}
      dataSource={dashboard.rows}
      pagination={dashboard.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: nameWidth + (dashboard.types.length + 1) * CELL_WIDTH }}
      data-testid="heat-map-table"
      locale={{ emptyText: '没有下级组织' }}
      summary={() =>
        dashboard.rows.length > 1 && (
          <Table.Summary>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>全部合计</Typography.Text>
              </Table.Summary.Cell>
              {dashboard.types.map((type, i) => (
                <Table.Summary.Cell index={i + 1} key={type} align="center">
                  <Cell orgId="total" type={type} tally={dashboard.totals[type]} />
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={dashboard.types.length + 1} align="center">
                <Cell orgId="total" type="合计" tally={dashboard.overall} />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )
      }
    />
  );
}
