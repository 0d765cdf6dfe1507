import { daysBetween, type IsoDate } from './calendar';
import { periodOf, yearOf } from './period';

/**
 * Study and education (学习教育): hours accounting, the annual norm, grading of every question type, exam
 * windows and attempts, and the informational point rules. Pure functions and data; no I/O, no clock.
 *
 * Hours are kept as integer tenths of a 学时 (15 = 1.5 学时), so sums are exact.
 */

export const STUDY_SESSION_KINDS = [
  '集中学习',
  '专题研讨',
  '微党课',
  '党员微课堂',
  '实境教学',
  '马扎课堂',
  '观影',
  '其他',
] as const;
export type StudySessionKind = (typeof STUDY_SESSION_KINDS)[number];

export const SELF_STUDY_SOURCES = ['自学', '网络学习平台', '读书', '专题讲座', '其他'] as const;
export type SelfStudySource = (typeof SELF_STUDY_SOURCES)[number];

export const STUDY_LIMITS = {
  titleMax: 100,
  textMax: 20_000,
  reflectionMin: 50,
  reflectionMax: 10_000,
  /** One sitting or one self-study entry: at most a day's worth (8 学时). */
  entryTenthsMax: 80,
  questionsPerExamMax: 200,
  optionsMax: 8,
  blanksMax: 10,
  acceptedPerBlankMax: 10,
  importRowsMax: 2000,
  /** A file in the materials library (a PDF of a speech, a slide deck). */
  materialFileBytes: 20 * 1024 * 1024,
  examMinutesMax: 300,
  attemptsMax: 10,
  /** A browser's submit may arrive a little after the deadline; answers later than this are refused. */
  submitGraceSeconds: 60,
} as const;

/* ---------- annual norm ---------- */

export type NormRole = 'member' | 'committee';

/**
 * The annual 学时 a member must reach, as data (in tenths). National practice for 党员教育培训: every
 * member ≥ 32 学时 a year; branch secretaries and committee members ≥ 56 学时 (中共中央《2024—2028年全国
 * 党员教育培训工作规划》). A committee may tighten these locally by raising the numbers.
 */
export const HOURS_NORMS: Record<NormRole, { tenths: number; regulation: string }> = {
  member: { tenths: 320, regulation: '党员每年集中学习培训不少于 32 学时' },
  committee: { tenths: 560, regulation: '支部书记、支委每年集中学习培训不少于 56 学时' },
};

/** Whoever holds a committee post on the day the norm is judged carries the higher norm. */
export function normTenthsFor(role: NormRole, norms = HOURS_NORMS): number {
  return norms[role].tenths;
}

export function tenthsToHours(tenths: number): number {
  return tenths / 10;
}

/** 1.5 → 15; refuses anything finer than a tenth (a ledger does not record 1.55 学时). */
export function hoursToTenths(hours: number): number | null {
  const t = Math.round(hours * 10);
  if (!Number.isFinite(hours) || Math.abs(t - hours * 10) > 1e-6 || t < 0) return null;
  return t;
}

export function formatHours(tenths: number): string {
  return `${(tenths / 10).toFixed(tenths % 10 === 0 ? 0 : 1)} 学时`;
}

/* ---------- hours accounting ---------- */

/**
 * One credit of study time to one member. A study session linked to a meeting record is the same sitting as
 * that meeting: its `sittingKey` is the meeting's (`meeting:12`), so two study sessions entered for one
 * meeting — or a session and a self-study entry that claims the same sitting — are one sitting.
 */
export interface HoursCredit {
  memberId: number;
  date: IsoDate;
  tenths: number;
  sittingKey: string;
}

export function sittingKeyOf(source: { kind: 'session' | 'self'; id: number; meetingId?: number | null }) {
  if (source.kind === 'session' && source.meetingId) return `meeting:${source.meetingId}`;
  return `${source.kind}:${source.id}`;
}

/**
 * A member's study ledger for a year: each sitting counts once, with the largest hours any entry gives it
 * (two entries for one sitting are a double entry, not two sittings). The org-life ledger counts the same
 * meeting once on its own side; neither ledger ever counts it twice.
 */
export function annualTenths(credits: readonly HoursCredit[], memberId: number, year: number): number {
  const bySitting = new Map<string, number>();
  for (const c of credits) {
    if (c.memberId !== memberId || yearOf(c.date) !== year) continue;
    bySitting.set(c.sittingKey, Math.max(bySitting.get(c.sittingKey) ?? 0, c.tenths));
  }
  let total = 0;
  for (const t of bySitting.values()) total += t;
  return total;
}

export type HoursState = 'reached' | 'on_track' | 'behind';

/**
 * Where a member stands against the norm on a day: reached; on track (at least the share of the year
 * elapsed); behind. Study time is a duty to learn, not a score: this says who needs a reminder, nothing more.
 */
export function hoursState(tenths: number, normTenths: number, today: IsoDate): HoursState {
  if (tenths >= normTenths) return 'reached';
  const year = periodOf('year', today);
  const elapsed = daysBetween(year.start, today) / (daysBetween(year.start, year.end) + 1);
  return tenths >= normTenths * elapsed ? 'on_track' : 'behind';
}

/** Reminders go out on these days of the year to whoever has not reached the norm yet. */
export const HOURS_REMINDER_DAYS = ['10-01', '11-15', '12-10'] as const;

/* ---------- questions and grading ---------- */

export const QUESTION_TYPES = ['single', 'multiple', 'judge', 'blank'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  judge: '判断题',
  blank: '填空题',
};

export interface QuestionOption {
  key: string;
  text: string;
}

/** The correct answer, by type: option keys; true/false; for each blank its accepted answers. */
export type QuestionKey =
  | { type: 'single'; correct: string }
  | { type: 'multiple'; correct: readonly string[] }
  | { type: 'judge'; correct: boolean }
  | { type: 'blank'; accepted: readonly (readonly string[])[] };

export type GivenAnswer = string | string[] | boolean | null;

/**
 * How a multiple-choice answer that is partly right scores.
 * - `none` (default): only the exact set of correct options earns the score; anything else earns 0.
 * - `half`: a non-empty proper subset of the correct options with no wrong option earns half the score,
 *   rounded down to a whole point; any wrong option still earns 0.
 * Fill-in questions with several blanks are all-or-nothing under either rule.
 */
export const PARTIAL_RULES = ['none', 'half'] as const;
export type PartialRule = (typeof PARTIAL_RULES)[number];
export const PARTIAL_RULE_LABELS: Record<PartialRule, string> = {
  none: '多选题须全部选对才得分，少选、多选、错选均不得分',
  half: '多选题少选（所选均正确）得一半分（向下取整），错选不得分',
};

/**
 * Fill-in answers compare after normalization: NFKC (full-width letters, digits, punctuation and the
 * ideographic space become their half-width forms), every kind of whitespace removed, Latin letters in
 * lower case, and a trailing full stop dropped. "  四个意识。" equals "四个意识" and "ＡＢＣ" equals "abc".
 */
export function normalizeBlank(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .toLowerCase()
    .replace(/[.。]+$/u, '');
}

export interface GradeResult {
  score: number;
  correct: boolean;
}

export function gradeAnswer(
  key: QuestionKey,
  given: GivenAnswer,
  score: number,
  partialRule: PartialRule = 'none',
): GradeResult {
  const none = { score: 0, correct: false };
  switch (key.type) {
    case 'single':
      return typeof given === 'string' && given === key.correct ? { score, correct: true } : none;
    case 'judge':
      return typeof given === 'boolean' && given === key.correct ? { score, correct: true } : none;
    case 'multiple': {
      if (!Array.isArray(given) || given.length === 0) return none;
      const chosen = new Set(given);
      const correct = new Set(key.correct);
      if ([...chosen].some((c) => !correct.has(c))) return none;
      if (chosen.size === correct.size) return { score, correct: true };
      return partialRule === 'half' ? { score: Math.floor(score / 2), correct: false } : none;
    }
    case 'blank': {
      if (!Array.isArray(given) || given.length !== key.accepted.length) return none;
      const allRight = key.accepted.every((accepted, i) => {
        const answer = normalizeBlank(String(given[i] ?? ''));
        return answer !== '' && accepted.some((a) => normalizeBlank(a) === answer);
      });
      return allRight ? { score, correct: true } : none;
    }
    default: {
      const unreachable: never = key;
      return unreachable;
    }
  }
}

/** Whether a key is well formed for its options (the import and the editor share this). */
export function keyProblem(key: QuestionKey, options: readonly QuestionOption[]): string | null {
  const keys = new Set(options.map((o) => o.key));
  switch (key.type) {
    case 'single':
      if (options.length < 2) return '单选题至少需要两个选项';
      return keys.has(key.correct) ? null : `答案“${key.correct}”不是选项之一`;
    case 'multiple': {
      if (options.length < 3) return '多选题至少需要三个选项';
      if (key.correct.length < 2) return '多选题的正确答案至少两项';
      const bad = key.correct.find((k) => !keys.has(k));
      if (bad) return `答案“${bad}”不是选项之一`;
      return new Set(key.correct).size === key.correct.length ? null : '答案中有重复的选项';
    }
    case 'judge':
      return options.length === 0 ? null : '判断题不需要选项';
    case 'blank':
      if (key.accepted.length === 0) return '填空题至少需要一个空的答案';
      if (key.accepted.length > STUDY_LIMITS.blanksMax) return `填空题最多 ${STUDY_LIMITS.blanksMax} 个空`;
      return key.accepted.some((a) => a.length === 0 || a.some((x) => normalizeBlank(x) === ''))
        ? '填空题每个空都要有答案'
        : null;
    default: {
      const unreachable: never = key;
      return unreachable;
    }
  }
}

/** "ABD" / "A,B,D" / "A、B、D" → ['A','B','D']; upper case, full-width letters accepted. */
export function parseOptionKeys(text: string): string[] {
  return [
    ...normalizeBlank(text)
      .toUpperCase()
      .replace(/[,，、;；/]/g, ''),
  ];
}

/** 对/错, 正确/错误, √/×, 是/否, T/F, true/false → boolean; anything else → null. */
export function parseJudge(text: string): boolean | null {
  const v = normalizeBlank(text);
  if (['对', '正确', '√', '✓', '是', 't', 'true', 'y', '1'].includes(v)) return true;
  if (['错', '错误', '×', '✗', 'x', '否', 'f', 'false', 'n', '0'].includes(v)) return false;
  return null;
}

/** Blanks separated by "||", accepted answers of one blank by "|": "四个意识|四意识||四个自信". */
export function parseBlankAnswers(text: string): string[][] {
  return text
    .split('||')
    .map((blank) =>
      blank
        .split('|')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    )
    .filter((b) => b.length > 0);
}

/* ---------- exams ---------- */

export interface ExamRules {
  opensAt: Date;
  closesAt: Date;
  durationMinutes: number;
  maxAttempts: number;
}

export interface AttemptFacts {
  startedAt: Date;
  submittedAt: Date | null;
}

/** An attempt ends at its duration or when the window closes, whichever is earlier. */
export function attemptDeadline(exam: ExamRules, startedAt: Date): Date {
  const byDuration = startedAt.getTime() + exam.durationMinutes * 60_000;
  return new Date(Math.min(byDuration, exam.closesAt.getTime()));
}

export type ExamAvailability =
  | { state: 'not_open' }
  | { state: 'closed' }
  | { state: 'in_progress'; deadline: Date }
  | { state: 'available'; attemptsLeft: number }
  | { state: 'used_up' };

/**
 * What a member may do with an exam now, given their attempts. An unsubmitted attempt past its deadline
 * (and the grace) is over and counts as used: the time limit is the server's, not the browser's.
 */
export function examAvailability(
  exam: ExamRules,
  attempts: readonly AttemptFacts[],
  now: Date,
): ExamAvailability {
  const open = attempts.find((a) => a.submittedAt === null && !attemptExpired(exam, a, now));
  if (open) return { state: 'in_progress', deadline: attemptDeadline(exam, open.startedAt) };
  if (now < exam.opensAt) return { state: 'not_open' };
  if (now >= exam.closesAt) return { state: 'closed' };
  const left = exam.maxAttempts - attempts.length;
  return left > 0 ? { state: 'available', attemptsLeft: left } : { state: 'used_up' };
}

export function attemptExpired(exam: ExamRules, attempt: AttemptFacts, now: Date): boolean {
  const limit = attemptDeadline(exam, attempt.startedAt).getTime() + STUDY_LIMITS.submitGraceSeconds * 1000;
  return now.getTime() > limit;
}

/** The window and attempt settings an exam may be saved with; null when fine. */
export function examRulesProblem(exam: ExamRules): string | null {
  if (exam.closesAt <= exam.opensAt) return '结束时间必须晚于开始时间';
  if (exam.durationMinutes < 1 || exam.durationMinutes > STUDY_LIMITS.examMinutesMax)
    return `考试时长须在 1～${STUDY_LIMITS.examMinutesMax} 分钟之间`;
  if (exam.maxAttempts < 1 || exam.maxAttempts > STUDY_LIMITS.attemptsMax)
    return `允许作答次数须在 1～${STUDY_LIMITS.attemptsMax} 次之间`;
  return null;
}

/** A small seeded generator (mulberry32): one attempt always sees the same order, reloads included. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const next = random(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface PaperItem {
  questionId: number;
  optionOrder: string[];
}

/** The paper one attempt sees: question order and each question's option order, fixed at the start. */
export function buildPaper(
  questions: readonly { id: number; options: readonly QuestionOption[] }[],
  seed: number,
  shuffle: { questions: boolean; options: boolean },
): PaperItem[] {
  const ordered = shuffle.questions ? shuffled(questions, seed) : [...questions];
  return ordered.map((q, i) => ({
    questionId: q.id,
    optionOrder: shuffle.options
      ? shuffled(
          q.options.map((o) => o.key),
          seed + (i + 1) * 7919,
        )
      : q.options.map((o) => o.key),
  }));
}

/* ---------- points (informational) ---------- */

export const POINT_ACTIONS = ['session', 'selfStudy', 'reflection', 'dailyRead', 'examPassed'] as const;
export type PointAction = (typeof POINT_ACTIONS)[number];

/** Points per unit of an action, and at most how many a day (null: no cap). */
export interface PointRule {
  points: number;
  perDayMax: number | null;
}
export type PointRules = Record<PointAction, PointRule>;

/**
 * The default point rules, as data; an org may set its own (the nearest setting up the tree wins). Points are
 * informational only: they can be switched off per org and are never an input to any evaluation, rating or
 * ranking of record — since 2026 national rules forbid using study duration, likes or check-in counts as
 * evaluation criteria.
 */
export const POINT_RULES: Record<PointAction, PointRule & { label: string }> = {
  session: { label: '参加集中学习（每次）', points: 5, perDayMax: null },
  selfStudy: { label: '自学记录（每学时）', points: 1, perDayMax: 4 },
  reflection: { label: '提交心得体会（每篇）', points: 3, perDayMax: 3 },
  dailyRead: { label: '阅读“今日学习”（每天）', points: 1, perDayMax: 1 },
  examPassed: { label: '考试合格（每场）', points: 5, perDayMax: null },
};

/** Bounds of an org's own rules: whole, non-negative numbers small enough to stay a gentle nudge. */
export const POINT_RULE_LIMITS = { pointsMax: 100, perDayMaxMax: 1000 } as const;

/** An org's stored rules over the defaults: an action added later keeps its default until set. */
export function resolvePointRules(own: Partial<Record<PointAction, PointRule>> | null): PointRules {
  const out = {} as PointRules;
  for (const action of POINT_ACTIONS) {
    const rule = own?.[action] ?? POINT_RULES[action];
    out[action] = { points: rule.points, perDayMax: rule.perDayMax };
  }
  return out;
}

export const POINTS_NOTICE =
  '积分仅供个人了解学习情况，不作为考核、评价、评优或排名的依据（不以学习时长、点赞、打卡次数等作为考核指标）。';

export interface PointEvent {
  action: PointAction;
  date: IsoDate;
  /** How many units (学时 for self-study, 1 otherwise). */
  units: number;
}

/** Points of a set of events: each rule's points per unit, capped per day where the rule says so. */
export function pointsFor(events: readonly PointEvent[], rules: PointRules = POINT_RULES): number {
  const perDay = new Map<string, number>();
  let total = 0;
  for (const e of events) {
    const rule = rules[e.action];
    const raw = rule.points * e.units;
    if (rule.perDayMax === null) {
      total += raw;
      continue;
    }
    const key = `${e.action}:${e.date}`;
    const used = perDay.get(key) ?? 0;
    const granted = Math.max(0, Math.min(raw, rule.perDayMax - used));
    perDay.set(key, used + granted);
    total += granted;
  }
  return Math.floor(total);
}
