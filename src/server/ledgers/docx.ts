import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import {
  displayText,
  displayWidth,
  type Ledger,
  type LedgerSection,
  type LedgerValue,
  ledgerTitle,
  PORTRAIT_LIMIT,
  printedLines,
} from './ledger';

/**
 * The ledger as a Word document, for offices that file 台账 as documents: one heading and one ruled table
 * per section (header row repeated on every page), the notes under it, A4 (landscape when the table is wide),
 * the org, the period and page numbers in the footer.
 */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = '宋体';

const run = (value: string, options: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text: value, font: FONT, size: options.size ?? 20, bold: options.bold ?? false });

function cell(value: string, options: { bold?: boolean; right?: boolean } = {}) {
  return new TableCell({
    children: value.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [run(line, { bold: options.bold ?? false })],
        }),
    ),
  });
}

function sectionTable(section: LedgerSection): Table {
  const { columns, rows, totals } = printedLines(section);
  const line = (values: readonly LedgerValue[], bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: columns.map((c, j) => {
        const v = values[j] ?? null;
        return cell(displayText(c.kind, v), { bold, right: typeof v === 'number' });
      }),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c.header, { bold: true })) }),
      ...rows.map((values) => line(values, false)),
      ...totals.map((values) => line(values, true)),
    ],
  });
}

function isWide(section: LedgerSection): boolean {
  const width = printedLines(section).columns.reduce(
    (sum, c) => sum + Math.min(Math.max(displayWidth(c.header) + 2, 6), 30),
    0,
  );
  return width > PORTRAIT_LIMIT;
}

export async function ledgerDocument(ledger: Ledger): Promise<Buffer> {
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          run(`${ledger.org} ${ledger.period}　第 `, { size: 18 }),
          new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 18 }),
          run(' 页，共 ', { size: 18 }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], font: FONT, size: 18 }),
          run(' 页', { size: 18 }),
        ],
      }),
    ],
  });
  const doc = new Document({
    creator: '智慧支部',
    title: ledgerTitle(ledger),
    sections: ledger.sections.map((section) => ({
      properties: {
        page: {
          size: { orientation: isWide(section) ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        },
      },
      footers: { default: footer },
      children: [
        new Paragraph({
          heading: HeadingLevel.HEADING_2,
          alignment: AlignmentType.CENTER,
          spacing: { after: 200 },
          children: [run(section.title, { bold: true, size: 30 })],
        }),
        sectionTable(section),
        ...(section.notes ?? []).map(
          (note) => new Paragraph({ spacing: { before: 160 }, children: [run(note, { size: 20 })] }),
        ),
      ],
    })),
  });
  return Packer.toBuffer(doc);
}
