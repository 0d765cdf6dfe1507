import { Col, Empty, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../components/EChart';
import type { TrendMonth } from './api';
import { STATUS_FILL } from './heat-map';

// One colour per meeting type, stable across the page (the party red first).
const TYPE_COLORS = [
  '#c41d1d',
  '#d46b08',
  '#d4b106',
  '#389e0d',
  '#08979c',
  '#1d39c4',
  '#722ed1',
  '#c41d7f',
  '#595959',
];

const monthLabel = (m: TrendMonth) => `${Number(m.month.slice(5))}月`;

/** Month by month over the year: sittings held by type, and how the obligations falling due each month ended. */
export function TrendCharts({ trend, compact }: { trend: readonly TrendMonth[]; compact: boolean }) {
  const heldOption = useMemo<EChartOption | null>(() => {
    const types = Object.keys(trend[0]?.held ?? {});
    const heldTypes = types.filter((t) => trend.some((m) => (m.held[t] ?? 0) > 0));
    if (heldTypes.length === 0) return null;
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, itemGap: 8, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: compact ? 64 : 48, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: trend.map(monthLabel), axisLabel: { interval: compact ? 1 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: heldTypes.map((t) => ({
        name: t,
        type: 'bar',
        stack: 'held',
        barMaxWidth: 28,
        itemStyle: { color: TYPE_COLORS[types.indexOf(t) % TYPE_COLORS.length] },
        data: trend.map((m) => m.held[t] ?? 0),
      })),
    };
  }, [trend, compact]);

  const dueOption = useMemo<EChartOption | null>(() => {
    if (trend.every((m) => m.due === 0)) return null;
    const bar = (name: string, color: string, values: number[]) => ({
      name,
      type: 'bar',
      stack: 'due',
      barMaxWidth: 28,
      itemStyle: { color },
      data: values,
    });
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: trend.map(monthLabel), axisLabel: { interval: compact ? 1 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        bar(
          '已完成',
          STATUS_FILL.已完成,
          trend.map((m) => m.done),
        ),
        bar(
          '待完成',
          STATUS_FILL.待完成,
          trend.map((m) => m.due - m.done - m.overdue),
        ),
        bar(
          '逾期',
          STATUS_FILL.逾期,
          trend.map((m) => m.overdue),
        ),
      ],
    };
  }, [trend, compact]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Typography.Text strong>逐月召开会议次数（一次套会计入多种类型）</Typography.Text>
        {heldOption ? (
          <EChart option={heldOption} style={{ height: 260 }} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度尚无已召开的会议" />
        )}
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Text strong>逐月到期的应开会议项数（按周期末所在月份）</Typography.Text>
        {dueOption ? (
          <EChart option={dueOption} style={{ height: 260 }} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本年度没有到期的应开会议" />
        )}
      </Col>
    </Row>
  );
}
