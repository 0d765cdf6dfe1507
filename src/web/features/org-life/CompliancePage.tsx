import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ComplianceStatus } from '../../../domain/org-life-rules';
import { yearOf } from '../../../domain/period';
import { errorMessage } from '../../app/http';
import { useToday } from '../../app/today';
import { idParam, useUrlParams } from '../../app/url-params';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { OrgTree, useFirstRootUntilChosen } from '../orgs';
import { type Compliance, downloadLedger, type MeetingRow, meetingQueries } from './api';
import { COMPLIANCE_COLORS, PhaseTag, TypeTags } from './display';

type Evaluation = Compliance['evaluations'][number];
interface TypeRow {
  meetingType: string;
  regulation: string;
  periods: Evaluation[];
}

/** The org and year this page shows, kept in the URL (?orgId=12&year=2026) as reminders link to it. */
function useOrgYear(): [number | null, number, (patch: { orgId?: number | null; year?: number }) => void] {
  const [params, set] = useUrlParams();
  const orgId = idParam(params, 'orgId');
  const thisYear = yearOf(useToday());
  const yearRaw = Number(params.get('year'));
  const year = yearRaw >= 2000 && yearRaw <= 2100 ? yearRaw : thisYear;
  return [orgId, year, set];
}

/** 达标情况: one org's year of organizational life against the rulebook, with the sittings behind it. */
export function CompliancePage() {
  const [orgId, year, set] = useOrgYear();
  // The page always shows one org: the first of the user's scope until they pick another.
  useFirstRootUntilChosen(orgId, (id) => set({ orgId: id }));
  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree selectedId={orgId} onSelect={(id) => set({ orgId: id })} keepSelection />
      </TreeColumn>
      <div style={{ flex: 1, minWidth: 0 }}>
        {orgId === null ? (
          <Card>
            <Empty description="请在左侧选择党支部或党小组" />
          </Card>
        ) : (
          <ComplianceView orgId={orgId} year={year} onYear={(y) => set({ year: y })} />
        )}
      </div>
    </TwoColumns>
  );
}

function ComplianceView({
  orgId,
  year,
  onYear,
}: {
  orgId: number;
  year: number;
  onYear: (y: number) => void;
}) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const compliance = useQuery(meetingQueries.compliance(orgId, year));
  const thisYear = yearOf(useToday());

  if (compliance.isError)
    return <QueryError error={compliance.error} retry={() => void compliance.refetch()} />;
  if (!compliance.data) return <Spin />;
  const c = compliance.data;

  const byType = new Map<string, TypeRow>();
  for (const e of c.evaluations) {
    const row = byType.get(e.meetingType) ?? {
      meetingType: e.meetingType,
      regulation: e.regulation,
      periods: [],
    };
    row.periods.push(e);
    byType.set(e.meetingType, row);
  }
  const rows = [...byType.values()];
  const overdue = c.evaluations.filter((e) => e.status === '逾期').length;
  const pending = c.evaluations.filter((e) => e.status === '待完成').length;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card
        title={`${c.org.name} · ${year}年组织生活达标情况`}
        extra={
          <Space wrap>
            <Select
              value={year}
              onChange={onYear}
              style={{ width: 110 }}
              options={[thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({
                value: y,
                label: `${y}年`,
              }))}
            />
            <Button
              icon={<PrinterOutlined />}
              onClick={() =>
                window.open(`/org-life/ledger?orgId=${orgId}&year=${year}`, '_blank', 'noopener')
              }
              data-testid="print-ledger"
            >
              打印台账
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => void downloadLedger(orgId, year).catch((e) => message.error(errorMessage(e)))}
              data-testid="export-ledger"
            >
              导出台账
            </Button>
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color="red">逾期 {overdue}</Tag>
          <Tag color="gold">待完成 {pending}</Tag>
          <Tag color="green">已完成 {c.evaluations.filter((e) => e.status === '已完成').length}</Tag>
          <Typography.Text type="secondary">统计截至 {c.today}</Typography.Text>
        </Space>
        {c.secretaryLecture && (
          <Alert
            style={{ marginBottom: 12 }}
            type={c.secretaryLecture.done ? 'success' : 'info'}
            showIcon
            message={c.secretaryLecture.done ? `${year}年书记已讲党课` : `${year}年书记尚未讲党课`}
            description={c.secretaryLecture.regulation}
          />
        )}
        {rows.length === 0 ? (
          <Empty description="本年度没有适用于该组织的组织生活规定" />
        ) : (
          <Table<TypeRow>
            rowKey="meetingType"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 720 }}
            data-testid="compliance-table"
            columns={[
              { title: '会议类型', dataIndex: 'meetingType', width: 110 },
              {
                title: '各周期完成情况（已开 / 应开）',
                key: 'periods',
                render: (_, r) => (
                  <Space size={[4, 4]} wrap>
                    {r.periods.map((e) => (
                      <Tooltip
                        key={e.period.key}
                        title={`${e.period.start} 至 ${e.period.end}：应开 ${e.required} 次，已开 ${e.held} 次`}
                      >
                        <Tag
                          color={COMPLIANCE_COLORS[e.status as ComplianceStatus]}
                          data-testid={`period-${r.meetingType}-${e.period.key}`}
                          style={{
                            cursor: e.meetingIds.length > 0 ? 'pointer' : 'default',
                            marginInlineEnd: 0,
                          }}
                          onClick={() => e.meetingIds[0] && navigate(`/meetings/${e.meetingIds[0]}`)}
                        >
                          {e.period.label} {e.held}/{e.required} {e.status}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                ),
              },
              {
                title: '依据',
                dataIndex: 'regulation',
                width: 260,
                responsive: ['xl'],
                render: (v: string) => (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v}
                  </Typography.Text>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card title={`${year}年会议`} size="small">
        <Table<MeetingRow>
          rowKey="id"
          size="small"
          dataSource={c.meetings}
          pagination={c.meetings.length > 20 ? { pageSize: 20 } : false}
          onRow={(m) => ({ onClick: () => navigate(`/meetings/${m.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: '本年度暂无会议记录' }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 110 },
            {
              title: '会议',
              dataIndex: 'title',
              render: (t: string) => <Typography.Link>{t}</Typography.Link>,
            },
            { title: '类型', dataIndex: 'types', render: (t: string[]) => <TypeTags types={t} /> },
            { title: '出席', key: 'att', width: 90, render: (_, m) => `${m.present}/${m.expected}` },
            {
              title: '状态',
              dataIndex: 'phase',
              width: 90,
              render: (p: MeetingRow['phase']) => <PhaseTag phase={p} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
