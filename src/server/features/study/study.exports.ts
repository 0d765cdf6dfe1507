import { defineSection, type Ledger } from '../../ledgers';
import type { TStudyLedger } from './study.schema';

/**
 * The year's study ledger (学习教育台账) as an inspection asks for it in Excel: one sheet each for the sittings,
 * the members' hours against the norm, the reflections and the exams, laid out like the org-life ledger.
 */
const REFLECTION_STATUS = { submitted: '待审阅', reviewed: '已审阅', returned: '已退回' } as const;

const dateOf = (instant: string | null) =>
  instant ? new Date(instant).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : null;

/** The year's study ledger as sections, for every format the ledger builder writes. */
export function studyLedgerSections(ledger: TStudyLedger): Ledger {
  const head = `${ledger.org.name} ${ledger.year}年`;
  const sessions = defineSection({
    sheet: '学习活动',
    title: `${head}学习活动台账（共 ${ledger.totals.sessions} 次，${ledger.totals.sessionHours} 学时）`,
    columns: [
      { header: '序号', kind: 'count', value: (_r, i) => i + 1 },
      { header: '日期', kind: 'date', value: (r) => r.date },
      { header: '形式', value: (r) => r.kind },
      {
        header: '主题',
        value: (r) => r.title + (r.meetingTitle ? `（关联会议：${r.meetingTitle}）` : ''),
      },
      { header: '组织', value: (r) => r.orgName },
      { header: '地点', value: (r) => r.place },
      { header: '主讲人', value: (r) => r.lecturerName ?? '' },
      { header: '学时', kind: 'number', value: (r) => r.hours },
      { header: '应到', kind: 'number', value: (r) => r.expected },
      { header: '实到', kind: 'number', value: (r) => r.present },
      { header: '缺席人员', value: (r) => r.absentees.join('、') },
    ],
    rows: ledger.sessions,
  });
  const members = defineSection({
    sheet: '党员学时',
    title: `${head}党员学时台账（达标 ${ledger.totals.membersMet} / ${ledger.totals.members} 人）`,
    columns: [
      { header: '序号', kind: 'count', value: (_r, i) => i + 1 },
      { header: '姓名', value: (r) => r.name },
      { header: '组织', value: (r) => r.orgName },
      { header: '集中学习（学时）', kind: 'number', value: (r) => r.collectiveHours },
      { header: '自学（学时）', kind: 'number', value: (r) => r.selfHours },
      { header: '合计（学时）', kind: 'number', value: (r) => r.totalHours },
      { header: '年度标准', kind: 'number', value: (r) => r.norm },
      { header: '是否达标', value: (r) => (r.met ? '已达标' : '未达标') },
    ],
    rows: ledger.members,
  });
  const reflections = defineSection({
    sheet: '心得体会',
    title: `${head}心得体会台账（共 ${ledger.totals.reflections} 篇）`,
    columns: [
      { header: '序号', kind: 'count', value: (_r, i) => i + 1 },
      { header: '标题', value: (r) => r.title },
      { header: '党员', value: (r) => r.memberName },
      { header: '提交日期', kind: 'date', value: (r) => dateOf(r.submittedAt) },
      { header: '审阅状态', value: (r) => REFLECTION_STATUS[r.status] },
      { header: '审阅人', value: (r) => r.reviewerName ?? '' },
      { header: '审阅日期', kind: 'date', value: (r) => dateOf(r.reviewedAt) },
    ],
    rows: ledger.reflections,
  });
  const exams = defineSection({
    sheet: '考试成绩',
    title: `${head}学习测试台账（共 ${ledger.totals.exams} 场）`,
    columns: [
      { header: '序号', kind: 'count', value: (_r, i) => i + 1 },
      { header: '考试', value: (r) => r.title },
      { header: '发布组织', value: (r) => r.orgName },
      { header: '开考日期', kind: 'date', value: (r) => dateOf(r.opensAt) },
      { header: '参考人数', kind: 'number', value: (r) => r.participants },
      { header: '平均分', kind: 'number', value: (r) => r.averageScore },
      { header: '及格人数', kind: 'number', value: (r) => r.passed },
      { header: '总分/及格线', value: (r) => `${r.totalScore}/${r.passScore}` },
    ],
    rows: ledger.exams,
  });
  return {
    org: ledger.org.name,
    period: `${ledger.year}年`,
    name: '学习教育台账',
    meta: `生成日期：${ledger.generatedOn}　学习活动 ${ledger.totals.sessions} 次（${ledger.totals.sessionHours} 学时）　学时达标 ${ledger.totals.membersMet}/${ledger.totals.members} 人　心得体会 ${ledger.totals.reflections} 篇　测试 ${ledger.totals.exams} 场`,
    sections: [sessions, members, reflections, exams],
  };
}
