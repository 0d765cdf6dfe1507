import { useQuery } from '@tanstack/react-query';
import { Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../../components/EChart';
import { QueryError } from '../../components/QueryError';
import { studyQueries } from './api';

export function CoverageTab({
  orgId,
  year,
  onPick,
}: {
  orgId: number;
  year: number;
  onPick: (id: number) => void;
}) {
  const q = useQuery(studyQueries.coverage(orgId, year));
  const d = q.data;
  const option = useMemo<EChartOption | null>(() => {
    if (!d || d.children.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['学时达标率（%）', '考试平均得分率（%）'] },
      grid: { left: 50, right: 20, top: 40, bottom: 80 },
      xAxis: {
        type: 'category',
        data: d.children.map((c) => c.orgName),
        axisLabel: { rotate: 30, interval: 0 },
      },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        { name: '学时达标率（%）', type: 'bar', data: d.children.map((c) => c.coverage ?? 0) },
        { name: '考试平均得分率（%）', type: 'bar', data: d.children.map((c) => c.examAverage ?? 0) },
      ],
    };
  }, [d]);
  if (q.isError) return <QueryError error={q.error} />;
  if (!d) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="study-coverage">
      <Space size="large" wrap>
        <Typography.Text>
          {d.org.orgName}：党员 {d.org.members} 人，学时达标 {d.org.reached} 人（{d.org.coverage ?? 0}
          %），人均 {d.org.averageHours ?? 0} 学时； 考试参考 {d.org.examTakers} 人次，合格 {d.org.examPassed}
        </Typography.Text>
      </Space>
      {option && <EChart option={option} style={{ height: 320 }} />}
      <Table
        rowKey="orgId"
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={d.children}
        onRow={(r) => ({ onClick: () => onPick(r.orgId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '组织', dataIndex: 'orgName' },
          { title: '党员', dataIndex: 'members', align: 'right' },
          { title: '达标', dataIndex: 'reached', align: 'right' },
          {
            title: '达标率',
            dataIndex: 'coverage',
            align: 'right',
            render: (v) => (v === null ? '—' : `${v}%`),
          },
          { title: '人均学时', dataIndex: 'averageHours', align: 'right', render: (v) => v ?? '—' },
          { title: '考试参考', dataIndex: 'examTakers', align: 'right' },
          {
            title: '平均得分率',
            dataIndex: 'examAverage',
            align: 'right',
            render: (v) => (v === null ? '—' : `${v}%`),
          },
        ]}
      />
    </Space>
  );
}
