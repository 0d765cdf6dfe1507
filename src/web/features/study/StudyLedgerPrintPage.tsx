import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { yearOf } from '../../../domain/period';
import { useToday } from '../../app/today';
import { PrintSheet } from '../../components/PrintSheet';
import { QueryError } from '../../components/QueryError';
import { type StudyLedger, studyQueries } from './api';

const REFLECTION_STATUS = { submitted: '待审阅', reviewed: '已审阅', returned: '已退回' } as const;
const dateOf = (instant: string | null) =>
  instant ? new Date(instant).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : '';

/** 学习教育台账 print view: the year's sittings, members' hours against the norm, reflections and exams. */
export function StudyLedgerPrintPage() {
  const [params] = useSearchParams();
  const orgId = Number(params.get('orgId'));
  const thisYear = yearOf(useToday());
  const year = Number(params.get('year')) || thisYear;
  const ledger = useQuery({ ...studyQueries.ledger(orgId, year), enabled: orgId > 0 });
  if (ledger.isError) return <QueryError error={ledger.error} retry={() => void ledger.refetch()} />;
  if (!ledger.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <LedgerDocument ledger={ledger.data} />;
}

function Empty({ span, text }: { span: number; text: string }) {
  return (
    <tr>
      <td colSpan={span} className="empty">
        {text}
      </td>
    </tr>
  );
}

function LedgerDocument({ ledger }: { ledger: StudyLedger }) {
  const { org, year, totals } = ledger;
  return (
    <PrintSheet
      testId="study-ledger-print"
      orgName={org.name}
      title={`${year}年学习教育台账`}
      meta={
        <>
          生成日期：{ledger.generatedOn}　学习活动 {totals.sessions} 次（{totals.sessionHours}{' '}
          学时）　学时达标 {totals.membersMet}/{totals.members} 人　心得体会 {totals.reflections} 篇　测试{' '}
          {totals.exams} 场
        </>
      }
    >
      <section>
        <h2>一、学习活动（{totals.sessions} 次）</h2>
        <table>
          <thead>
            <tr>
              <th style={{ width: 40 }}>序号</th>
              <th style={{ width: 90 }}>日期</th>
              <th>形式</th>
              <th>主题</th>
              <th>主讲人</th>
              <th>学时</th>
              <th style={{ width: 70 }}>应到/实到</th>
              <th>缺席人员</th>
            </tr>
          </thead>
          <tbody>
            {ledger.sessions.map((s, i) => (
              <tr key={s.id}>
                <td>{i + 1}</td>
                <td>{s.date}</td>
                <td>{s.kind}</td>
                <td>
                  {s.title}
                  {s.meetingTitle ? `（关联会议：${s.meetingTitle}）` : ''}
                </td>
                <td>{s.lecturerName ?? ''}</td>
                <td className="num">{s.hours}</td>
                <td>
                  {s.expected}/{s.present}
                </td>
                <td>{s.absentees.join('、') || '无'}</td>
              </tr>
            ))}
            {ledger.sessions.length === 0 && <Empty span={8} text="本年度无学习活动记录" />}
          </tbody>
        </table>
      </section>

      <section>
        <h2>
          二、党员学时（达标 {totals.membersMet}/{totals.members} 人）
        </h2>
        <table>
          <thead>
            <tr>
              <th style={{ width: 40 }}>序号</th>
              <th>姓名</th>
              <th>组织</th>
              <th>集中学习</th>
              <th>自学</th>
              <th>合计</th>
              <th>年度标准</th>
              <th>是否达标</th>
            </tr>
          </thead>
          <tbody>
            {ledger.members.map((m, i) => (
              <tr key={m.memberId}>
                <td>{i + 1}</td>
                <td>{m.name}</td>
                <td>{m.orgName}</td>
                <td className="num">{m.collectiveHours}</td>
                <td className="num">{m.selfHours}</td>
                <td className="num">{m.totalHours}</td>
                <td className="num">{m.norm}</td>
                <td>{m.met ? '已达标' : '未达标'}</td>
              </tr>
            ))}
            {ledger.members.length === 0 && <Empty span={8} text="本年度无学时记录" />}
          </tbody>
        </table>
      </section>

      <section>
        <h2>三、心得体会（{totals.reflections} 篇）</h2>
        <table>
          <thead>
            <tr>
              <th style={{ width: 40 }}>序号</th>
              <th>标题</th>
              <th>党员</th>
              <th>提交日期</th>
              <th>审阅状态</th>
              <th>审阅人</th>
              <th>审阅日期</th>
            </tr>
          </thead>
          <tbody>
            {ledger.reflections.map((r, i) => (
              <tr key={r.id}>
                <td>{i + 1}</td>
                <td>{r.title}</td>
                <td>{r.memberName}</td>
                <td>{dateOf(r.submittedAt)}</td>
                <td>{REFLECTION_STATUS[r.status]}</td>
                <td>{r.reviewerName ?? ''}</td>
                <td>{dateOf(r.reviewedAt)}</td>
              </tr>
            ))}
            {ledger.reflections.length === 0 && <Empty span={7} text="本年度无心得体会" />}
          </tbody>
        </table>
      </section>

      <section>
        <h2>四、学习测试（{totals.exams} 场）</h2>
        <table>
          <thead>
            <tr>
              <th style={{ width: 40 }}>序号</th>
              <th>考试</th>
              <th>发布组织</th>
              <th>开考日期</th>
              <th>参考人数</th>
              <th>平均分</th>
              <th>及格人数</th>
              <th>总分/及格线</th>
            </tr>
          </thead>
          <tbody>
            {ledger.exams.map((e, i) => (
              <tr key={e.id}>
                <td>{i + 1}</td>
                <td>{e.title}</td>
                <td>{e.orgName}</td>
                <td>{dateOf(e.opensAt)}</td>
                <td className="num">{e.participants}</td>
                <td className="num">{e.averageScore ?? '—'}</td>
                <td className="num">{e.passed}</td>
                <td>
                  {e.totalScore}/{e.passScore}
                </td>
              </tr>
            ))}
            {ledger.exams.length === 0 && <Empty span={8} text="本年度无学习测试" />}
          </tbody>
        </table>
      </section>
    </PrintSheet>
  );
}
