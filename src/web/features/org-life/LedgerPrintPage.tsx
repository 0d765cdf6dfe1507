import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { yearOf } from '../../../domain/period';
import { useToday } from '../../app/today';
import { PrintSheet } from '../../components/PrintSheet';
import { QueryError } from '../../components/QueryError';
import { type Ledger, meetingQueries } from './api';

/** 组织生活台账 print view: the year's sittings by type and the compliance summary, as inspections ask. */
export function LedgerPrintPage() {
  const [params] = useSearchParams();
  const orgId = Number(params.get('orgId'));
  const thisYear = yearOf(useToday());
  const year = Number(params.get('year')) || thisYear;
  const ledger = useQuery({ ...meetingQueries.ledger(orgId, year), enabled: orgId > 0 });
  if (ledger.isError) return <QueryError error={ledger.error} retry={() => void ledger.refetch()} />;
  if (!ledger.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <LedgerDocument ledger={ledger.data} />;
}

function LedgerDocument({ ledger }: { ledger: Ledger }) {
  const { org, year } = ledger;
  const summary = new Map<string, { required: number; held: number; overdue: number; periods: number }>();
  for (const e of ledger.compliance) {
    const s = summary.get(e.meetingType) ?? { required: 0, held: 0, overdue: 0, periods: 0 };
    s.required += e.required;
    s.held += Math.min(e.held, e.required);
    s.overdue += e.status === '逾期' ? 1 : 0;
    s.periods += 1;
    summary.set(e.meetingType, s);
  }
  return (
    <PrintSheet
      testId="ledger-print"
      orgName={org.name}
      title={`${year}年组织生活台账`}
      meta={<>生成日期：{ledger.generatedOn}</>}
    >
      <h2>达标情况汇总</h2>
      <table>
        <thead>
          <tr>
            <th>会议类型</th>
            <th>应开次数</th>
            <th>已开（计入达标）</th>
            <th>逾期周期</th>
          </tr>
        </thead>
        <tbody>
          {[...summary].map(([type, s]) => (
            <tr key={type}>
              <td>{type}</td>
              <td>{s.required}</td>
              <td>{s.held}</td>
              <td>{s.overdue > 0 ? `${s.overdue} 个周期` : '无'}</td>
            </tr>
          ))}
          {summary.size === 0 && (
            <tr>
              <td colSpan={4} className="empty">
                本年度没有适用的组织生活规定
              </td>
            </tr>
          )}
        </tbody>
      </table>

      {ledger.sections.map((section) => (
        <section key={section.meetingType}>
          <h2>
            {section.meetingType}（{section.rows.length} 次）
          </h2>
          <table>
            <thead>
              <tr>
                <th style={{ width: 40 }}>序号</th>
                <th style={{ width: 120 }}>时间</th>
                <th>地点</th>
                <th>主持人</th>
                <th>记录人</th>
                {section.meetingType === '党课' && <th>授课人</th>}
                <th>主题 / 内容</th>
                <th style={{ width: 70 }}>应到/实到</th>
                <th>缺席人员及原因</th>
                <th>决议</th>
              </tr>
            </thead>
            <tbody>
              {section.rows.map((r, i) => (
                <tr key={r.id}>
                  <td>{i + 1}</td>
                  <td>
                    {r.date}
                    <br />
                    {r.startTime}–{r.endTime}
                  </td>
                  <td>{r.place}</td>
                  <td>{r.hostName ?? ''}</td>
                  <td>{r.recorderName ?? ''}</td>
                  {section.meetingType === '党课' && <td>{r.lecturerName ?? ''}</td>}
                  <td>
                    {r.title}
                    {r.topic ? `：${r.topic}` : ''}
                    {r.types.length > 1 ? `（套会：${r.types.join('、')}）` : ''}
                  </td>
                  <td>
                    {r.expected}/{r.present}
                  </td>
                  <td>
                    {r.absentees.map((a) => `${a.name}${a.reason ? `（${a.reason}）` : ''}`).join('、') ||
                      '无'}
                  </td>
                  <td style={{ whiteSpace: 'pre-wrap' }}>{r.resolutions ?? ''}</td>
                </tr>
              ))}
              {section.rows.length === 0 && (
                <tr>
                  <td colSpan={section.meetingType === '党课' ? 10 : 9} className="empty">
                    本年度无记录
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      ))}
    </PrintSheet>
  );
}
