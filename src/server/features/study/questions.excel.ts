import ExcelJS from 'exceljs';
import {
  keyProblem,
  parseBlankAnswers,
  parseJudge,
  parseOptionKeys,
  QUESTION_TYPE_LABELS,
  type QuestionKey,
  type QuestionOption,
  type QuestionType,
  STUDY_LIMITS,
} from '../../../domain/study';
import { cellText } from '../../excel/cells';
import { readImportSheet, rowError } from '../../excel/import';
import type { FieldError } from '../../http/errors';

/**
 * The question bank's spreadsheet layout, shared by the template and the import: one question per row, type
 * by its Chinese name, options in columns 选项A…选项H, answer as people write it (B; ACD; 对/错; blanks
 * separated by ||, alternatives by |).
 */
const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const QUESTION_COLUMNS = [
  {
    field: 'type',
    header: '题型',
    required: true,
    width: 8,
    note: '必填：单选题 / 多选题 / 判断题 / 填空题',
  },
  { field: 'stem', header: '题干', required: true, width: 50, note: '必填；填空题用 ____ 表示空' },
  ...OPTION_KEYS.map((k) => ({
    field: `option${k}`,
    header: `选项${k}`,
    required: false,
    width: 18,
    note: '单选、多选题的选项；判断题、填空题留空',
  })),
  {
    field: 'answer',
    header: '答案',
    required: true,
    width: 18,
    note: '单选：B；多选：ACD；判断：对 / 错；填空：多个空用 || 分隔，同一空的多个可接受答案用 | 分隔',
  },
  { field: 'score', header: '分值', required: false, width: 6, note: '正整数，默认 2 分' },
  { field: 'analysis', header: '解析', required: false, width: 30, note: '答题后向党员显示' },
  { field: 'tags', header: '标签', required: false, width: 14, note: '多个标签用、分隔' },
] as const;

const TYPE_BY_LABEL = new Map(
  (Object.entries(QUESTION_TYPE_LABELS) as [QuestionType, string][]).flatMap(([type, label]) => [
    [label, type],
    [label.replace('题', ''), type],
  ]),
);

export interface ParsedQuestion {
  row: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  answerKey: QuestionKey;
  score: number;
  analysis: string | null;
  tags: string[];
}

export async function questionTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('题库');
  sheet.columns = QUESTION_COLUMNS.map((c) => ({
    header: c.required ? `*${c.header}` : c.header,
    width: c.width,
  }));
  sheet.getRow(1).font = { bold: true };
  QUESTION_COLUMNS.forEach((c, i) => {
    sheet.getRow(1).getCell(i + 1).note = c.note;
  });
  const example = (values: Record<string, string | number>) =>
    sheet.addRow(QUESTION_COLUMNS.map((c) => values[c.field] ?? null));
  example({
    type: '单选题',
    stem: '（示例）党支部一般每月召开一次的会议是____。',
    optionA: '支部党员大会',
    optionB: '支委会',
    optionC: '党员代表大会',
    answer: 'B',
    score: 2,
  });
  example({
    type: '多选题',
    stem: '（示例）“三会一课”中的“三会”包括____。',
    optionA: '支部党员大会',
    optionB: '支委会',
    optionC: '党小组会',
    optionD: '座谈会',
    answer: 'ABC',
    score: 3,
  });
  example({ type: '判断题', stem: '（示例）党员应当按期交纳党费。', answer: '对', score: 1 });
  example({ type: '填空题', stem: '（示例）党的根本宗旨是全心全意为人民____。', answer: '服务', score: 2 });
  sheet.getColumn(QUESTION_COLUMNS.findIndex((c) => c.field === 'type') + 1).eachCell((cell, row) => {
    if (row > 1)
      cell.dataValidation = { type: 'list', allowBlank: false, formulae: ['"单选题,多选题,判断题,填空题"'] };
  });
  for (let r = 6; r <= 500; r++)
    sheet.getCell(r, 1).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"单选题,多选题,判断题,填空题"'],
    };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads every row and checks it; returns the questions and every problem found, by row and column. The
 * caller writes nothing unless the problem list is empty.
 */
export async function parseQuestionWorkbook(
  file: Buffer,
): Promise<{ questions: ParsedQuestion[]; errors: FieldError[] } | { fatal: string }> {
  const opened = await readImportSheet(file, QUESTION_COLUMNS);
  if ('fatal' in opened) return opened;
  const { sheet, columnOf, lastRow: last } = opened;
  if (last - 1 > STUDY_LIMITS.importRowsMax)
    return { fatal: `一次最多导入 ${STUDY_LIMITS.importRowsMax} 道题，请拆分文件` };

  const errors: FieldError[] = [];
  const questions: ParsedQuestion[] = [];
  const stems = new Map<string, number>();
  for (let r = 2; r <= last; r++) {
    const row = sheet.getRow(r);
    const get = (field: string) => {
      const col = columnOf.get(field);
      const v = col ? cellText(row.getCell(col).value) : null;
      return v === null || v === undefined ? '' : String(v).trim();
    };
    const values = Object.fromEntries(QUESTION_COLUMNS.map((c) => [c.field, get(c.field)]));
    if (Object.values(values).every((v) => v === '')) continue;
    const before = errors.length;
    const fail = (field: string, message: string) => {
      const column = QUESTION_COLUMNS.find((c) => c.field === field)?.header ?? field;
      errors.push(rowError(r, column, message));
    };
    const type = TYPE_BY_LABEL.get(values.type!);
    if (!type) fail('type', `题型“${values.type}”无效，应为单选题、多选题、判断题或填空题`);
    const stem = values.stem!;
    if (!stem) fail('stem', '题干不能为空');
    else if (stem.length > 1000) fail('stem', '题干不能超过 1000 个字');
    else if (stems.has(stem)) fail('stem', `与第 ${stems.get(stem)} 行的题干重复`);
    if (!values.answer) fail('answer', '答案不能为空');
    let score = 2;
    if (values.score) {
      score = Number(values.score);
      if (!Number.isInteger(score) || score < 1 || score > 100) fail('score', '分值应为 1～100 的整数');
    }
    if (errors.length > before || !type) continue;
    stems.set(stem, r);
    const options: QuestionOption[] = [];
    for (const k of OPTION_KEYS) {
      const text = values[`option${k}`]!;
      if (text) options.push({ key: k, text });
    }
    // Options must be contiguous from A: a gap usually means a column slipped.
    const gap = options.findIndex((o, i) => o.key !== OPTION_KEYS[i]);
    if (gap >= 0) {
      fail(`option${OPTION_KEYS[gap]}`, `选项须从 A 起连续填写，缺少选项${OPTION_KEYS[gap]}`);
      continue;
    }
    let key: QuestionKey | null = null;
    const answer = values.answer!;
    if (type === 'single') {
      const keys = parseOptionKeys(answer);
      if (keys.length !== 1) fail('answer', `单选题答案应为一个选项字母，实际为“${answer}”`);
      else key = { type, correct: keys[0]! };
    } else if (type === 'multiple') {
      key = { type, correct: parseOptionKeys(answer).sort() };
    } else if (type === 'judge') {
      const value = parseJudge(answer);
      if (value === null) fail('answer', `判断题答案应为“对”或“错”，实际为“${answer}”`);
      else key = { type, correct: value };
    } else {
      key = { type, accepted: parseBlankAnswers(answer) };
    }
    if (!key) continue;
    const problem = keyProblem(key, options);
    if (problem) {
      fail(problem.includes('选项') && !problem.includes('答案') ? 'optionA' : 'answer', problem);
      continue;
    }
    questions.push({
      row: r,
      type,
      stem,
      options,
      answerKey: key,
      score,
      analysis: values.analysis || null,
      tags: values.tags
        ? values.tags
            .split(/[、,，]/)
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
    });
  }
  return { questions, errors };
}

/** The answer as a person reads it: "B", "ACD", "对", "四个意识（或：四意识）；两个维护". */
export function answerText(key: QuestionKey): string {
  switch (key.type) {
    case 'single':
      return key.correct;
    case 'multiple':
      return key.correct.join('');
    case 'judge':
      return key.correct ? '对' : '错';
    case 'blank':
      return key.accepted
        .map((a) => (a.length > 1 ? `${a[0]}（或：${a.slice(1).join('、')}）` : a[0]))
        .join('；');
    default: {
      const unreachable: never = key;
      return unreachable;
    }
  }
}
