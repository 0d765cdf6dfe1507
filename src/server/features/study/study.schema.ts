import { z } from 'zod';
import {
  PARTIAL_RULES,
  POINT_RULE_LIMITS,
  QUESTION_TYPES,
  SELF_STUDY_SOURCES,
  STUDY_LIMITS,
  STUDY_SESSION_KINDS,
} from '../../../domain/study';
import { zIsoDate } from '../../../shared/validation';

export { STUDY_LIMITS };

const text = (max: number, label: string) => z.string().trim().max(max, `${label}不能超过 ${max} 个字`);
const required = (max: number, label: string) => text(max, label).min(1, `请填写${label}`);
/** 学时 as people type them (1.5), stored in tenths. */
export const zHours = (label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .min(0, `${label}不能为负数`)
    .max(STUDY_LIMITS.entryTenthsMax / 10, `${label}不能超过 ${STUDY_LIMITS.entryTenthsMax / 10} 学时`)
    .refine((h) => Number.isInteger(Math.round(h * 1000) / 100), { message: `${label}最多保留一位小数` });
const zYear = z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效');

export const ZOrgYearQuery = z.object({ orgId: z.coerce.number().int(), year: zYear });
export const ZYearQuery = z.object({ year: zYear });

/* ---------- plans ---------- */

export const ZPlanInput = z.object({
  orgId: z.number().int(),
  year: z.number().int().min(2000).max(2100),
  quarter: z.number().int().min(1, '季度应为 1～4').max(4, '季度应为 1～4').nullable().default(null),
  title: required(STUDY_LIMITS.titleMax, '计划名称'),
  topics: z.array(required(100, '专题')).max(50, '专题最多 50 个').default([]),
  content: text(STUDY_LIMITS.textMax, '计划内容').default(''),
});
export type TPlanInput = z.infer<typeof ZPlanInput>;

export const ZPlanUpdate = z
  .object({
    year: ZPlanInput.shape.year,
    quarter: z.number().int().min(1, '季度应为 1～4').max(4, '季度应为 1～4').nullable(),
    title: required(STUDY_LIMITS.titleMax, '计划名称'),
    topics: z.array(required(100, '专题')).max(50, '专题最多 50 个'),
    content: text(STUDY_LIMITS.textMax, '计划内容'),
  })
  .partial();
export type TPlanUpdate = z.infer<typeof ZPlanUpdate>;

export const ZPlan = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  year: z.number(),
  quarter: z.number().nullable(),
  title: z.string(),
  topics: z.array(z.string()),
  content: z.string(),
  sessions: z.number(),
  heldSessions: z.number(),
});
export const ZPlanList = z.object({ rows: z.array(ZPlan) });

/* ---------- sessions ---------- */

export const ZSessionKind = z.enum(STUDY_SESSION_KINDS, { message: '学习形式无效' });

const sessionFields = {
  kind: ZSessionKind,
  title: required(STUDY_LIMITS.titleMax, '学习主题'),
  date: zIsoDate('学习日期'),
  place: text(100, '地点').default(''),
  lecturerName: text(30, '主讲人').nullable().default(null),
  lecturerMemberId: z.number().int().nullable().default(null),
  content: text(STUDY_LIMITS.textMax, '学习内容').default(''),
  hours: zHours('学时'),
  planId: z.number().int().nullable().default(null),
  /** The meeting record this sitting also is (主题党日 with collective study…): its attendance is reused. */
  meetingId: z.number().int().nullable().default(null),
};

export const ZSessionCreate = z.object({
  orgId: z.number().int(),
  status: z.enum(['planned', 'held']).default('planned'),
  ...sessionFields,
  /** Members present (ignored for a linked session: the meeting's attendance counts). */
  presentMemberIds: z.array(z.number().int()).max(2000).optional(),
});
export type TSessionCreate = z.infer<typeof ZSessionCreate>;

export const ZSessionUpdate = z
  .object({
    status: z.enum(['planned', 'held']),
    kind: ZSessionKind,
    title: sessionFields.title,
    date: sessionFields.date,
    place: text(100, '地点'),
    lecturerName: text(30, '主讲人').nullable(),
    lecturerMemberId: z.number().int().nullable(),
    content: text(STUDY_LIMITS.textMax, '学习内容'),
    hours: zHours('学时'),
    planId: z.number().int().nullable(),
    meetingId: z.number().int().nullable(),
    presentMemberIds: z.array(z.number().int()).max(2000),
  })
  .partial();
export type TSessionUpdate = z.infer<typeof ZSessionUpdate>;

export const ZSessionListQuery = z.object({
  orgId: z.coerce.number().int(),
  year: zYear,
});

export const ZSessionRow = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.enum(['planned', 'held']),
  date: z.string(),
  place: z.string(),
  lecturerName: z.string().nullable(),
  hours: z.number(),
  planId: z.number().nullable(),
  meetingId: z.number().nullable(),
  meetingTitle: z.string().nullable(),
  present: z.number(),
  expected: z.number(),
});
export const ZSessionList = z.object({ rows: z.array(ZSessionRow) });

export const ZSessionDetail = ZSessionRow.extend({
  content: z.string(),
  lecturerMemberId: z.number().nullable(),
  /** Where the attendance comes from: this session's own list, or the linked meeting record. */
  attendanceFrom: z.enum(['session', 'meeting']),
  attendees: z.array(z.object({ memberId: z.number(), name: z.string(), present: z.boolean() })),
  canEdit: z.boolean(),
});

export const ZRosterQuery = z.object({ orgId: z.coerce.number().int(), date: zIsoDate('日期') });
/** Who can be marked present at a sitting on a date: the org's active members then, by status history. */
export const ZRoster = z.object({
  date: z.string(),
  rows: z.array(z.object({ memberId: z.number(), name: z.string(), orgName: z.string() })),
});

export const ZMeetingCandidate = z.object({
  id: z.number(),
  title: z.string(),
  date: z.string(),
  types: z.array(z.string()),
  status: z.string(),
  present: z.number(),
});
export const ZMeetingCandidates = z.object({ rows: z.array(ZMeetingCandidate) });

/* ---------- hours ---------- */

export const ZMemberHours = z.object({
  memberId: z.number(),
  name: z.string(),
  orgName: z.string(),
  hours: z.number(),
  norm: z.number(),
  normRole: z.enum(['member', 'committee']),
  state: z.enum(['reached', 'on_track', 'behind']),
});
export const ZHoursReport = z.object({
  year: z.number(),
  rows: z.array(ZMemberHours),
  reached: z.number(),
  members: z.number(),
});

export const ZHoursEntry = z.object({
  date: z.string(),
  title: z.string(),
  source: z.string(),
  hours: z.number(),
});

/* ---------- self-study ---------- */

export const ZSelfStudyInput = z.object({
  date: zIsoDate('学习日期'),
  title: required(STUDY_LIMITS.titleMax, '学习内容'),
  source: z.enum(SELF_STUDY_SOURCES, { message: '来源无效' }).default('自学'),
  hours: zHours('学时').refine((h) => h > 0, { message: '学时应大于 0' }),
  materialId: z.number().int().nullable().default(null),
  note: text(500, '备注').nullable().default(null),
});
export type TSelfStudyInput = z.infer<typeof ZSelfStudyInput>;

/* ---------- reflections ---------- */

export const ZReflectionInput = z.object({
  title: required(STUDY_LIMITS.titleMax, '标题'),
  body: z
    .string()
    .trim()
    .min(STUDY_LIMITS.reflectionMin, `心得体会不少于 ${STUDY_LIMITS.reflectionMin} 个字`)
    .max(STUDY_LIMITS.reflectionMax, `心得体会不能超过 ${STUDY_LIMITS.reflectionMax} 个字`),
  sessionId: z.number().int().nullable().default(null),
});
export type TReflectionInput = z.infer<typeof ZReflectionInput>;

export const ZReviewInput = z.object({
  status: z.enum(['reviewed', 'returned'], { message: '审阅结果无效' }),
  comment: required(1000, '审阅意见'),
});

export const ZReflection = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  title: z.string(),
  body: z.string(),
  sessionId: z.number().nullable(),
  sessionTitle: z.string().nullable(),
  submittedAt: z.string(),
  status: z.enum(['submitted', 'reviewed', 'returned']),
  reviewComment: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export const ZReflectionList = z.object({ rows: z.array(ZReflection) });
export const ZReflectionQuery = z.object({
  orgId: z.coerce.number().int(),
  status: z.enum(['submitted', 'reviewed', 'returned']).optional(),
});

/* ---------- materials and today's item ---------- */

export const ZMaterialInput = z
  .object({
    orgId: z.number().int(),
    title: required(STUDY_LIMITS.titleMax, '标题'),
    kind: z.enum(['text', 'link'], { message: '资料类型无效' }),
    body: text(STUDY_LIMITS.textMax, '正文').default(''),
    url: z
      .string()
      .trim()
      .max(500)
      .regex(/^https?:\/\//, '链接应以 http:// 或 https:// 开头')
      .nullable()
      .default(null),
    hours: zHours('参考学时').default(0),
  })
  .refine((m) => (m.kind === 'text' ? m.body.length > 0 : m.url !== null), {
    message: '文字资料须填写正文，链接资料须填写链接',
    path: ['body'],
  });
export type TMaterialInput = z.infer<typeof ZMaterialInput>;

/** A file material's title and 参考学时 travel in the query string beside the multipart file. */
export const ZMaterialFileQuery = z.object({
  orgId: z.coerce.number().int(),
  title: required(STUDY_LIMITS.titleMax, '标题'),
  hours: z.coerce.number().pipe(zHours('参考学时')).default(0),
});

export const ZMaterial = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  kind: z.enum(['text', 'link', 'file']),
  body: z.string(),
  /** A link's address, or a file's download path. */
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  fileSize: z.number().nullable(),
  hours: z.number(),
  createdAt: z.string(),
  reads: z.number(),
});
export const ZMaterialList = z.object({ rows: z.array(ZMaterial) });

export const ZDailyInput = z.object({
  orgId: z.number().int(),
  date: zIsoDate('日期'),
  materialId: z.number().int(),
});
export const ZDailyQuery = z.object({ orgId: z.coerce.number().int(), date: zIsoDate('日期') });
export const ZDaily = z.object({
  date: z.string(),
  material: ZMaterial.nullable(),
  /** Set by this org or inherited from the nearest org above that set one. */
  fromOrgName: z.string().nullable(),
  readers: z.array(z.object({ memberId: z.number(), name: z.string(), readAt: z.string() })),
  expected: z.number(),
});

/* ---------- questions ---------- */

export const ZQuestionType = z.enum(QUESTION_TYPES, { message: '题型无效' });
export const ZQuestion = z.object({
  id: z.number(),
  type: ZQuestionType,
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  answerText: z.string(),
  score: z.number(),
  analysis: z.string().nullable(),
  tags: z.array(z.string()),
});
export const ZQuestionPage = z.object({ rows: z.array(ZQuestion), total: z.number() });
export const ZQuestionQuery = z.object({
  orgId: z.coerce.number().int(),
  type: ZQuestionType.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZImportResult = z.object({
  imported: z.number().int(),
  rows: z.number().int(),
  dryRun: z.boolean(),
});

/* ---------- exams ---------- */

export const ZExamInput = z.object({
  orgId: z.number().int(),
  title: required(STUDY_LIMITS.titleMax, '考试名称'),
  opensAt: z.iso.datetime({ offset: true, message: '开始时间格式无效' }),
  closesAt: z.iso.datetime({ offset: true, message: '结束时间格式无效' }),
  durationMinutes: z.number().int(),
  maxAttempts: z.number().int().default(1),
  passScore: z.number().int().min(0, '合格分不能为负数'),
  shuffleQuestions: z.boolean().default(true),
  shuffleOptions: z.boolean().default(true),
  partialRule: z.enum(PARTIAL_RULES).default('none'),
  /** Explicit questions, or a random draw of this many from the bank (by type). */
  questionIds: z.array(z.number().int()).max(STUDY_LIMITS.questionsPerExamMax).optional(),
  draw: z
    .object({
      single: z.number().int().min(0).default(0),
      multiple: z.number().int().min(0).default(0),
      judge: z.number().int().min(0).default(0),
      blank: z.number().int().min(0).default(0),
    })
    .optional(),
});
export type TExamInput = z.infer<typeof ZExamInput>;

export const ZExam = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  durationMinutes: z.number(),
  maxAttempts: z.number(),
  passScore: z.number(),
  totalScore: z.number(),
  questionCount: z.number(),
  partialRule: z.enum(PARTIAL_RULES),
  partialRuleText: z.string(),
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  takers: z.number(),
  passed: z.number(),
});
export const ZExamList = z.object({ rows: z.array(ZExam) });
export const ZExamListQuery = z.object({ orgId: z.coerce.number().int(), year: zYear });

export const ZExamResults = z.object({
  exam: ZExam,
  members: z.array(
    z.object({
      memberId: z.number(),
      name: z.string(),
      orgName: z.string(),
      attempts: z.number(),
      bestScore: z.number().nullable(),
      passed: z.boolean().nullable(),
      lastSubmittedAt: z.string().nullable(),
    }),
  ),
  branches: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      takers: z.number(),
      passed: z.number(),
      averageScore: z.number().nullable(),
    }),
  ),
});

/** The member's exams: what they may do now with each. */
export const ZMyExam = z.object({
  id: z.number(),
  title: z.string(),
  orgName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  durationMinutes: z.number(),
  totalScore: z.number(),
  passScore: z.number(),
  questionCount: z.number(),
  maxAttempts: z.number(),
  attemptsUsed: z.number(),
  state: z.enum(['not_open', 'closed', 'in_progress', 'available', 'used_up']),
  openAttemptId: z.number().nullable(),
  bestScore: z.number().nullable(),
  passed: z.boolean().nullable(),
});
export const ZMyExamList = z.object({ rows: z.array(ZMyExam) });

export const ZPaperQuestion = z.object({
  questionId: z.number(),
  type: ZQuestionType,
  stem: z.string(),
  score: z.number(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  blanks: z.number(),
});

export const ZAnswer = z.union([
  z.string().max(500),
  z.array(z.string().max(500)).max(20),
  z.boolean(),
  z.null(),
]);
export const ZSubmitInput = z.object({
  answers: z.record(z.string().regex(/^\d+$/), ZAnswer),
});

export const ZAttempt = z.object({
  id: z.number(),
  examId: z.number(),
  examTitle: z.string(),
  attemptNo: z.number(),
  startedAt: z.string(),
  deadlineAt: z.string(),
  submittedAt: z.string().nullable(),
  /** open: answering; submitted: graded; expired: time ran out before a submission. */
  state: z.enum(['open', 'submitted', 'expired']),
  totalScore: z.number(),
  passScore: z.number(),
  partialRuleText: z.string(),
  questions: z.array(ZPaperQuestion),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  /** After submission only: per question, what was given, what was right, what it scored. */
  review: z
    .array(
      z.object({
        questionId: z.number(),
        given: ZAnswer,
        correct: z.boolean(),
        score: z.number(),
        answerText: z.string(),
        analysis: z.string().nullable(),
      }),
    )
    .nullable(),
});

/* ---------- coverage, settings, points ---------- */

export const ZCoverageRow = z.object({
  orgId: z.number(),
  orgName: z.string(),
  orgType: z.string(),
  members: z.number(),
  reached: z.number(),
  coverage: z.number().nullable(),
  averageHours: z.number().nullable(),
  examTakers: z.number(),
  examPassed: z.number(),
  examAverage: z.number().nullable(),
});
export const ZCoverage = z.object({
  year: z.number(),
  org: ZCoverageRow,
  children: z.array(ZCoverageRow),
});

export const ZPointRule = z.object({
  action: z.string(),
  label: z.string(),
  points: z.number(),
  perDayMax: z.number().nullable(),
});

export const ZSettings = z.object({
  orgId: z.number(),
  pointsEnabled: z.boolean(),
  /** Where the switch comes from (this org or the nearest above); null: the default (on). */
  fromOrgName: z.string().nullable(),
  notice: z.string(),
  /** The point rules in force for the org. */
  rules: z.array(ZPointRule),
  /** Where the rules come from (this org or the nearest above); null: the defaults. */
  rulesFromOrgName: z.string().nullable(),
  /** The org has rules of its own (which it may drop to inherit again). */
  ownRules: z.boolean(),
});

const zRulePoints = (label: string) =>
  z
    .number({ message: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(POINT_RULE_LIMITS.pointsMax, `${label}不能超过 ${POINT_RULE_LIMITS.pointsMax}`);
const zPointRuleInput = z.object({
  points: zRulePoints('每次积分'),
  perDayMax: z
    .number({ message: '每日上限应为数字' })
    .int('每日上限应为整数')
    .min(0, '每日上限不能为负数')
    .max(POINT_RULE_LIMITS.perDayMaxMax, `每日上限不能超过 ${POINT_RULE_LIMITS.perDayMaxMax}`)
    .nullable(),
});
/** An org's own rules: every action, each a whole number of points and an optional daily cap. */
export const ZPointRulesInput = z.object({
  session: zPointRuleInput,
  selfStudy: zPointRuleInput,
  reflection: zPointRuleInput,
  dailyRead: zPointRuleInput,
  examPassed: zPointRuleInput,
});
export type TPointRulesInput = z.infer<typeof ZPointRulesInput>;

export const ZSettingsInput = z
  .object({
    orgId: z.number().int(),
    pointsEnabled: z.boolean().optional(),
    /** The org's own rules; null drops them, so the nearest rules above apply again. */
    pointRules: ZPointRulesInput.nullable().optional(),
  })
  .refine((v) => v.pointsEnabled !== undefined || v.pointRules !== undefined, {
    message: '请指定要修改的积分设置',
  });
export type TSettingsInput = z.infer<typeof ZSettingsInput>;

export const ZLeaderboard = z.object({
  enabled: z.boolean(),
  notice: z.string(),
  rules: z.array(ZPointRule),
  rows: z.array(z.object({ memberId: z.number(), name: z.string(), points: z.number() })),
});

export const ZMyOverview = z.object({
  year: z.number(),
  hours: z.number(),
  norm: z.number(),
  normRole: z.enum(['member', 'committee']),
  normText: z.string(),
  state: z.enum(['reached', 'on_track', 'behind']),
  entries: z.array(ZHoursEntry),
  today: z
    .object({
      material: ZMaterial,
      readAt: z.string().nullable(),
    })
    .nullable(),
  points: z.object({ total: z.number(), rules: z.array(ZPointRule), notice: z.string() }).nullable(),
  pointsNotice: z.string(),
  openExams: z.number(),
});

export const ZReadInput = z.object({ materialId: z.number().int() });
export const ZSelfStudyList = z.object({
  rows: z.array(
    z.object({
      id: z.number(),
      date: z.string(),
      title: z.string(),
      source: z.string(),
      hours: z.number(),
      note: z.string().nullable(),
    }),
  ),
});

/* ---------- the study ledger (学习教育台账) ---------- */

export const ZStudyLedger = z.object({
  org: z.object({ id: z.number(), name: z.string() }),
  year: z.number(),
  generatedOn: z.string(),
  sessions: z.array(
    z.object({
      id: z.number(),
      date: z.string(),
      kind: z.string(),
      title: z.string(),
      orgName: z.string(),
      place: z.string(),
      lecturerName: z.string().nullable(),
      hours: z.number(),
      present: z.number(),
      expected: z.number(),
      absentees: z.array(z.string()),
      meetingTitle: z.string().nullable(),
    }),
  ),
  members: z.array(
    z.object({
      memberId: z.number(),
      name: z.string(),
      orgName: z.string(),
      collectiveHours: z.number(),
      selfHours: z.number(),
      totalHours: z.number(),
      norm: z.number(),
      met: z.boolean(),
    }),
  ),
  reflections: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      memberName: z.string(),
      submittedAt: z.string(),
      status: z.enum(['submitted', 'reviewed', 'returned']),
      reviewerName: z.string().nullable(),
      reviewedAt: z.string().nullable(),
    }),
  ),
  exams: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      orgName: z.string(),
      opensAt: z.string(),
      participants: z.number(),
      averageScore: z.number().nullable(),
      passed: z.number(),
      totalScore: z.number(),
      passScore: z.number(),
    }),
  ),
  totals: z.object({
    sessions: z.number(),
    sessionHours: z.number(),
    members: z.number(),
    membersMet: z.number(),
    reflections: z.number(),
    exams: z.number(),
  }),
});
export type TStudyLedger = z.infer<typeof ZStudyLedger>;

export const ZSelfStudyImportQuery = z.object({
  orgId: z.coerce.number().int(),
  dryRun: z.enum(['true', 'false']).default('false'),
});
