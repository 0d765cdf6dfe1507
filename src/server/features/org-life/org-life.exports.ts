import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { parts } from '../../../domain/calendar';
import { MEETING_PHASE_LABELS } from '../../../domain/meeting-record';
import { defineSection, type Ledger, type LedgerColumn } from '../../ledgers';
import type { TLedger, TMeetingDetail } from './meetings.schema';

/**
 * Documents an inspection asks for: the minutes of one sitting in the usual 会议记录 layout (Word), and the
 * year's organizational-life ledger (Excel, one sheet per meeting type).
 */
export { DOCX_TYPE } from '../../ledgers';

const FONT = '宋体';
const chineseDate = (d: string) => {
  const { year, month, day } = parts(d);
  return `${year}年${month}月${day}日`;
};

const text = (value: string, options: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text: value, font: FONT, size: options.size ?? 24, bold: options.bold ?? false });

/** Multi-line text as paragraphs (a Word cell holds paragraphs, not line breaks). */
const paragraphs = (value: string | null | undefined) =>
  (value?.trim() ? value.trim().split(/\r?\n/) : ['无']).map(
    (line) => new Paragraph({ children: [text(line)], spacing: { after: 60 } }),
  );

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function row(label: string, value: Paragraph[] | string | null) {
  return new TableRow({
    children: [
      new TableCell({
        width: { size: 18, type: WidthType.PERCENTAGE },
        verticalAlign: VerticalAlign.CENTER,
        borders,
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [text(label, { bold: true })] }),
        ],
      }),
      new TableCell({
        width: { size: 82, type: WidthType.PERCENTAGE },
        borders,
        children: Array.isArray(value) ? value : paragraphs(value),
      }),
    ],
  });
}

export async function minutesDocx(m: TMeetingDetail): Promise<Buffer> {
  const absent = m.attendees.filter((a) => a.expected && a.attendance === 'absent');
  const present = m.attendees.filter((a) => a.attendance === 'present');
  const unknown = m.attendees.filter((a) => a.expected && a.attendance === 'unknown');
  const rows = [
    row('会议名称', m.title),
    row('会议类型', m.types.join('、') + (m.types.length > 1 ? '（套会）' : '')),
    row('时    间', `${chineseDate(m.date)} ${m.startTime}—${m.endTime}`),
    row('地    点', m.place || '—'),
    row('主 持 人', m.hostName ?? '—'),
    row('记 录 人', m.recorderName ?? '—'),
  ];
  if (m.types.includes('党课')) {
    rows.push(row('授 课 人', m.lecturerName ?? '—'));
    rows.push(row('党课主题', m.topic ?? '—'));
  } else if (m.topic) rows.push(row('主    题', m.topic));
  rows.push(
    row(
      '出席情况',
      `应到 ${m.counts.expected} 人，实到 ${m.counts.present} 人，缺席 ${m.counts.absent} 人${unknown.length ? `，未登记 ${unknown.length} 人` : ''}（有表决权的正式党员应到 ${m.counts.entitledToVote} 人，实到 ${m.counts.votersPresent} 人）`,
    ),
    row('出席人员', present.map((a) => a.name).join('、') || '无'),
    row(
      '缺席人员及原因',
      absent.map((a) => `${a.name}（${a.absenceReason ?? '未说明原因'}）`).join('、') || '无',
    ),
    row('列席人员', m.guests.join('、') || '无'),
    row('议    程', m.agenda),
    row('会议内容', m.minutes),
    row('决    议', m.resolutions),
  );
  if (m.votes.length > 0)
    rows.push(
      row(
        '表决情况',
        m.votes
          .map((v) => `${v.matter}：赞成 ${v.inFavour} 票，反对 ${v.against} 票，弃权 ${v.abstain} 票`)
          .join('\n'),
      ),
    );
  if (m.warnings.length > 0)
    rows.push(row('提示', m.warnings.map((w) => `${w.message}（${w.rule}）`).join('\n')));
  if (m.amendments.length > 0)
    rows.push(
      row(
        '更正记录',
        m.amendments
          .map((a) => `${a.amendedAt.slice(0, 10)} ${a.amendedByName} 更正：${a.reason}`)
          .join('\n'),
      ),
    );
  const doc = new Document({
    creator: '智慧支部',
    title: m.title,
    description: `${m.orgName}会议记录`,
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: [text(m.orgName, { size: 28 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [text(`${m.title} 会议记录`, { bold: true, size: 36 })],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
          new Paragraph({
            spacing: { before: 480 },
            children: [text('主持人（签字）：________________        记录人（签字）：________________')],
          }),
          new Paragraph({
            spacing: { before: 120 },
            children: [
              text(
                `状态：${MEETING_PHASE_LABELS[m.phase]}${m.recordedAt ? `；登记时间：${m.recordedAt.slice(0, 10)}` : ''}`,
                {
                  size: 18,
                },
              ),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The year's organizational-life ledger as sections: one per meeting type, then the year's compliance. */
export function orgLifeLedgerSections(ledger: TLedger): Ledger {
  const columns: LedgerColumn<TLedger['sections'][number]['rows'][number]>[] = [
    { header: '序号', kind: 'count', value: (_r, i) => i + 1 },
    { header: '组织', value: (r) => r.orgName, maxWidth: 28 },
    { header: '日期', kind: 'date', value: (r) => r.date },
    { header: '时间', value: (r) => `${r.startTime}—${r.endTime}` },
    { header: '地点', value: (r) => r.place, maxWidth: 20 },
    {
      header: '会议名称',
      value: (r) => r.title + (r.types.length > 1 ? `（套会：${r.types.join('、')}）` : ''),
      maxWidth: 30,
    },
    { header: '主题', value: (r) => r.topic ?? '', maxWidth: 30 },
    { header: '主持人', value: (r) => r.hostName ?? '' },
    { header: '记录人', value: (r) => r.recorderName ?? '' },
    { header: '授课人', value: (r) => r.lecturerName ?? '' },
    { header: '应到', kind: 'count', value: (r) => r.expected },
    { header: '实到', kind: 'count', value: (r) => r.present },
    { header: '缺席', kind: 'count', value: (r) => r.absent },
    {
      header: '缺席人员及原因',
      value: (r) => r.absentees.map((a) => `${a.name}（${a.reason ?? '未说明'}）`).join('、'),
      maxWidth: 30,
    },
    { header: '决议', value: (r) => r.resolutions ?? '', maxWidth: 40 },
    { header: '状态', value: (r) => MEETING_PHASE_LABELS[r.phase] },
  ];
  const sections =
    ledger.sections.length > 0 ? ledger.sections : [{ meetingType: '支部党员大会' as const, rows: [] }];
  const head = `${ledger.org.name} ${ledger.year}年`;
  const out = sections.map((section) =>
    defineSection({
      sheet: section.meetingType,
      title: `${head}${section.meetingType}台账（共 ${section.rows.length} 次）`,
      columns,
      rows: section.rows,
    }),
  );
  if (ledger.compliance.length > 0)
    out.push(
      defineSection({
        sheet: '达标情况',
        title: `${head}组织生活达标情况`,
        columns: [
          { header: '会议类型', value: (e) => e.meetingType },
          { header: '周期', value: (e) => e.period.label },
          { header: '应开', kind: 'count', value: (e) => (e.status === '不适用' ? 0 : e.required) },
          { header: '已开', kind: 'count', value: (e) => e.held },
          { header: '状态', value: (e) => e.status },
          { header: '依据', value: (e) => e.regulation, maxWidth: 60 },
        ],
        rows: ledger.compliance,
      }),
    );
  return { org: ledger.org.name, period: `${ledger.year}年`, name: '组织生活台账', sections: out };
}
