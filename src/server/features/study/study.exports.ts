import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../excel/ledger';
import type { TStudyLedger } from './study.schema';

/**
 * The year's study ledger (学习教育台账) as an inspection asks for it in Excel: one sheet each for the sittings,
 * the members' hours against the norm, the reflections and the exams, laid out like the org-life ledger.
 */
const REFLECTION_STATUS = { submitted: '待审阅', reviewed: '已审阅', returned: '已退回' } as const;

const dateOf = (instant: string | null) =>
  instant ? new Date(instant).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : '';

export async function studyLedgerXlsx(ledger: TStudyLedger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '智慧支部';
  const head = `${ledger.org.name} ${ledger.year}年`;
  addLedgerSheet(
    wb,
    '学习活动',
    `${head}学习活动台账（共 ${ledger.totals.sessions} 次，${ledger.totals.sessionHours} 学时）`,
    [
      { header: '序号', width: 6, value: (_r, i) => i + 1 },
      { header: '日期', width: 12, value: (r) => r.date },
      { header: '形式', width: 12, value: (r) => r.kind },
      {
        header: '主题',
        width: 36,
        value: (r) => r.title + (r.meetingTitle ? `（关联会议：${r.meetingTitle}）` : ''),
      },
      { header: '组织', width: 24, value: (r) => r.orgName },
      { header: '地点', width: 16, value: (r) => r.place },
      { header: '主讲人', width: 10, value: (r) => r.lecturerName ?? '' },
      { header: '学时', width: 6, value: (r) => r.hours },
      { header: '应到', width: 6, value: (r) => r.expected },
      { header: '实到', width: 6, value: (r) => r.present },
      { header: '缺席人员', width: 30, value: (r) => r.absentees.join('、') },
    ],
    ledger.sessions,
  );
  addLedgerSheet(
    wb,
    '党员学时',
    `${head}党员学时台账（达标 ${ledger.totals.membersMet} / ${ledger.totals.members} 人）`,
    [
      { header: '序号', width: 6, value: (_r, i) => i + 1 },
      { header: '姓名', width: 10, value: (r) => r.name },
      { header: '组织', width: 24, value: (r) => r.orgName },
      { header: '集中学习（学时）', width: 16, value: (r) => r.collectiveHours },
      { header: '自学（学时）', width: 12, value: (r) => r.selfHours },
      { header: '合计（学时）', width: 12, value: (r) => r.totalHours },
      { header: '年度标准', width: 10, value: (r) => r.norm },
      { header: '是否达标', width: 10, value: (r) => (r.met ? '已达标' : '未达标') },
    ],
    ledger.members,
  );
  addLedgerSheet(
    wb,
    '心得体会',
    `${head}心得体会台账（共 ${ledger.totals.reflections} 篇）`,
    [
      { header: '序号', width: 6, value: (_r, i) => i + 1 },
      { header: '标题', width: 36, value: (r) => r.title },
      { header: '党员', width: 10, value: (r) => r.memberName },
      { header: '提交日期', width: 12, value: (r) => dateOf(r.submittedAt) },
      { header: '审阅状态', width: 10, value: (r) => REFLECTION_STATUS[r.status] },
      { header: '审阅人', width: 10, value: (r) => r.reviewerName ?? '' },
      { header: '审阅日期', width: 12, value: (r) => dateOf(r.reviewedAt) },
    ],
    ledger.reflections,
  );
  addLedgerSheet(
    wb,
    '考试成绩',
    `${head}学习测试台账（共 ${ledger.totals.exams} 场）`,
    [
      { header: '序号', width: 6, value: (_r, i) => i + 1 },
      { header: '考试', width: 32, value: (r) => r.title },
      { header: '发布组织', width: 24, value: (r) => r.orgName },
      { header: '开考日期', width: 12, value: (r) => dateOf(r.opensAt) },
      { header: '参考人数', width: 10, value: (r) => r.participants },
      { header: '平均分', width: 8, value: (r) => r.averageScore ?? '' },
      { header: '及格人数', width: 10, value: (r) => r.passed },
      { header: '总分/及格线', width: 12, value: (r) => `${r.totalScore}/${r.passScore}` },
    ],
    ledger.exams,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
