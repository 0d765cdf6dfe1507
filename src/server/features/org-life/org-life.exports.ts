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
import ExcelJS from 'exceljs';
import { parts } from '../../../domain/calendar';
import { MEETING_PHASE_LABELS } from '../../../domain/meeting-record';
import { addLedgerSheet, type LedgerColumn } from '../../excel/ledger';
import type { TLedger, TMeetingDetail } from './meetings.schema';

/**
 * Documents an inspection asks for: the minutes of one sitting in the usual 会议记录 layout (Word), and the
 * year's organizational-life ledger (Excel, one sheet per meeting type).
 */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

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

const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;

export async function ledgerXlsx(ledger: TLedger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '智慧支部';
  const columns: LedgerColumn<TLedger['sections'][number]['rows'][number]>[] = [
    { header: '序号', width: 6, value: (_r, i) => i + 1 },
    { header: '组织', width: 28, value: (r) => r.orgName },
    { header: '日期', width: 12, value: (r) => r.date },
    { header: '时间', width: 13, value: (r) => `${r.startTime}—${r.endTime}` },
    { header: '地点', width: 16, value: (r) => r.place },
    {
      header: '会议名称',
      width: 28,
      value: (r) => r.title + (r.types.length > 1 ? `（套会：${r.types.join('、')}）` : ''),
    },
    { header: '主题', width: 24, value: (r) => r.topic ?? '' },
    { header: '主持人', width: 9, value: (r) => r.hostName ?? '' },
    { header: '记录人', width: 9, value: (r) => r.recorderName ?? '' },
    { header: '授课人', width: 9, value: (r) => r.lecturerName ?? '' },
    { header: '应到', width: 6, value: (r) => r.expected },
    { header: '实到', width: 6, value: (r) => r.present },
    { header: '缺席', width: 6, value: (r) => r.absent },
    {
      header: '缺席人员及原因',
      width: 30,
      value: (r) => r.absentees.map((a) => `${a.name}（${a.reason ?? '未说明'}）`).join('、'),
    },
    { header: '决议', width: 40, value: (r) => r.resolutions ?? '' },
    { header: '状态', width: 8, value: (r) => MEETING_PHASE_LABELS[r.phase] },
  ];
  const sections =
    ledger.sections.length > 0 ? ledger.sections : [{ meetingType: '支部党员大会' as const, rows: [] }];
  for (const section of sections)
    addLedgerSheet(
      wb,
      section.meetingType.replace(SHEET_NAME_FORBIDDEN, '').slice(0, 31),
      `${ledger.org.name} ${ledger.year}年${section.meetingType}台账（共 ${section.rows.length} 次）`,
      columns,
      section.rows,
    );
  if (ledger.compliance.length > 0) {
    const ws = wb.addWorksheet('达标情况');
    ws.columns = [
      { header: '会议类型', key: 'type', width: 14 },
      { header: '周期', key: 'period', width: 18 },
      { header: '应开', key: 'required', width: 8 },
      { header: '已开', key: 'held', width: 8 },
      { header: '状态', key: 'status', width: 10 },
      { header: '依据', key: 'regulation', width: 60 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const e of ledger.compliance)
      ws.addRow({
        type: e.meetingType,
        period: e.period.label,
        required: e.status === '不适用' ? 0 : e.required,
        held: e.held,
        status: e.status,
        regulation: e.regulation,
      });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
