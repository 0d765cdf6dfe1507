import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { defineSection, type Ledger, ledgerDocument, ledgerPrintModel, ledgerWorkbook } from '.';

interface Row {
  id: number;
  name: string;
  org: string;
  paidOn: string | null;
  dueFen: number;
  note: string;
}

const rows: Row[] = [
  { id: 11, name: '甲某', org: '第一党支部', paidOn: '2026-11-05', dueFen: 1234, note: '' },
  {
    id: 12,
    name: '乙某某',
    org: '机关党委第二党支部（综合处、办公室、机关服务中心联合支部）',
    paidOn: null,
    dueFen: 5,
    note: '按规定少交，经支部委员会研究同意并报上级党委批准',
  },
];

const narrow = defineSection<Row>({
  sheet: '党费/收缴',
  title: '第一党支部 2026年11月党费收缴登记表',
  columns: [
    { header: '序号', kind: 'count', value: (_r, i) => i + 1 },
    { header: '姓名', value: (r) => r.name },
    { header: '所在组织', value: (r) => r.org, maxWidth: 30 },
    { header: '交纳日期', kind: 'date', value: (r) => r.paidOn },
    { header: '应交（元）', kind: 'money', value: (r) => r.dueFen },
    { header: '党员编号', kind: 'count', value: (r) => r.id, screenOnly: true },
  ],
  rows,
  totals: [['合计', '2 人', '', '', 1239, null]],
  notes: ['计算依据：《关于中国共产党党费收缴、使用和管理的规定》。'],
});

const wide = defineSection<Row>({
  sheet: '宽表',
  title: '宽表',
  columns: Array.from({ length: 14 }, (_, k) => ({
    header: `第${k + 1}项说明文字`,
    value: (r: Row) => r.note,
  })),
  rows,
});

const ledger: Ledger = { org: '第一党支部', period: '2026年', name: '测试台账', sections: [narrow, wide] };

describe('ledger builder', () => {
  it('writes a workbook that prints: title, repeated header, filter, rules, real dates and amounts, footer', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await ledgerWorkbook(ledger)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党费收缴', '宽表']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe('第一党支部 2026年11月党费收缴登记表');
    expect(ws.getRow(2).values).toEqual([
      undefined,
      '序号',
      '姓名',
      '所在组织',
      '交纳日期',
      '应交（元）',
      '党员编号',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.printTitlesRow).toBe('2:2');
    // The screen-only id column (F) is outside the printed area.
    expect(ws.pageSetup.printArea).toMatch(/^A1:E\d+$/);
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.headerFooter.oddFooter).toContain('第一党支部 2026年');
    expect(ws.headerFooter.oddFooter).toContain('&P');

    const date = ws.getCell(3, 4);
    expect(date.value).toEqual(new Date(Date.UTC(2026, 10, 5)));
    expect(date.numFmt).toBe('yyyy-mm-dd');
    const money = ws.getCell(4, 5);
    expect(money.value).toBe(0.05);
    expect(money.numFmt).toBe('#,##0.00');
    expect(ws.getCell(5, 1).value).toBe('合计');
    expect(ws.getCell(5, 5).value).toBe(12.39);
    expect(ws.getCell(3, 2).border?.left?.style).toBe('thin');
    expect(ws.getCell(4, 3).alignment?.wrapText).toBe(true);
    // Widths follow Chinese text (two per character) up to the column's limit; the long name wraps.
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(8);
    expect(ws.getColumn(3).width).toBe(30);
    expect(String(ws.getCell(7, 1).value)).toContain('计算依据');

    expect(wb.worksheets[1]!.pageSetup.orientation).toBe('landscape');
  });

  it('writes the same sections as a Word document with a repeated header row', async () => {
    const zip = await JSZip.loadAsync(await ledgerDocument(ledger));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('第一党支部 2026年11月党费收缴登记表');
    expect(xml).toContain('w:tblHeader');
    expect(xml).toContain('12.39');
    expect(xml).toContain('2026-11-05');
    expect(xml).not.toContain('党员编号');
    expect(xml).toContain('w:orient="landscape"');
  });

  it('gives the print page the printed columns, written as they read on paper', () => {
    const model = ledgerPrintModel(ledger);
    const [first] = model.sections;
    expect(first!.headers).toEqual(['序号', '姓名', '所在组织', '交纳日期', '应交（元）']);
    expect(first!.rows[0]!.map((c) => c.text)).toEqual(['1', '甲某', '第一党支部', '2026-11-05', '12.34']);
    expect(first!.rows[1]![3]).toEqual({ text: '', numeric: false, nowrap: true });
    expect(first!.rows[1]![4]).toEqual({ text: '0.05', numeric: true, nowrap: true });
    expect(first!.rows[1]![2]!.nowrap).toBe(false);
    expect(first!.totals[0]!.map((c) => c.text)).toEqual(['合计', '2 人', '', '', '12.39']);
  });
});
