import { z } from 'zod';
import { ATTENDANCE, MEETING_PHASES, MEETING_STATUSES, TIME_OF_DAY } from '../../../domain/meeting-record';
import { COMPLIANCE_STATUSES, MEETING_TYPES } from '../../../domain/org-life-rules';
import { PERIOD_UNITS, periodFromKey } from '../../../domain/period';
import { MEETING_LIMITS } from '../../../shared/limits';
import { zIsoDate, zPage } from '../../../shared/validation';

export { MEETING_LIMITS };

export const ZMeetingType = z.enum(MEETING_TYPES, { message: '会议类型无效' });
export const ZComplianceStatus = z.enum(COMPLIANCE_STATUSES);
export const zTime = (label: string) => z.string().regex(TIME_OF_DAY, `${label}格式应为 HH:MM`);
const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不能超过 ${max} 个字`).nullable().optional();

export const ZVote = z.object({
  matter: z.string().trim().min(1, '请填写表决事项').max(200),
  inFavour: z.number().int().min(0),
  against: z.number().int().min(0),
  abstain: z.number().int().min(0),
});

export const ZAttendanceInput = z.object({
  memberId: z.number().int(),
  attendance: z.enum(ATTENDANCE, { message: '出席情况无效' }),
  /** From the 缺席原因 dictionary (病假, 事假, 公假, 出差, …). */
  absenceReason: z.string().trim().max(20).nullable().optional(),
  note: optionalText(200, '备注'),
});
export type TAttendanceInput = z.infer<typeof ZAttendanceInput>;

/** The fields of a record a secretary fills in; the same for planning, recording and amending. */
const recordFields = {
  types: z
    .array(ZMeetingType)
    .min(1, '请至少选择一种会议类型')
    .refine((t) => new Set(t).size === t.length, { message: '会议类型不能重复' }),
  title: optionalText(MEETING_LIMITS.titleMax, '会议名称'),
  date: zIsoDate('会议日期'),
  startTime: zTime('开始时间'),
  endTime: zTime('结束时间'),
  place: z
    .string()
    .trim()
    .max(MEETING_LIMITS.placeMax, `地点不能超过 ${MEETING_LIMITS.placeMax} 个字`)
    .optional(),
  hostName: optionalText(MEETING_LIMITS.personMax, '主持人'),
  hostMemberId: z.number().int().nullable().optional(),
  recorderName: optionalText(MEETING_LIMITS.personMax, '记录人'),
  recorderMemberId: z.number().int().nullable().optional(),
  lecturerName: optionalText(MEETING_LIMITS.personMax, '授课人'),
  lecturerMemberId: z.number().int().nullable().optional(),
  topic: optionalText(MEETING_LIMITS.topicMax, '主题'),
  guests: z.array(z.string().trim().min(1).max(60)).max(MEETING_LIMITS.guestsMax).optional(),
  agenda: optionalText(MEETING_LIMITS.textMax, '议程'),
  minutes: optionalText(MEETING_LIMITS.textMax, '会议内容'),
  resolutions: optionalText(MEETING_LIMITS.textMax, '决议'),
  votes: z.array(ZVote).max(MEETING_LIMITS.votesMax).optional(),
  /** Attendance by member; members not on the expected list are added as present guests of the roster. */
  attendance: z.array(ZAttendanceInput).max(2000).optional(),
};

const timesInOrder = (v: { startTime?: string | undefined; endTime?: string | undefined }) =>
  !v.startTime || !v.endTime || v.endTime > v.startTime;
const TIMES_MESSAGE = { message: '结束时间应晚于开始时间', path: ['endTime'] };

export const ZMeetingCreate = z
  .object({
    orgId: z.number().int(),
    /** planned: a notice goes to the expected attendees; held: recording a sitting that took place. */
    status: z.enum(MEETING_STATUSES).default('planned'),
    ...recordFields,
  })
  .refine(timesInOrder, TIMES_MESSAGE);
export type TMeetingCreate = z.infer<typeof ZMeetingCreate>;

const updateShape = z.object({ status: z.enum(MEETING_STATUSES).optional(), ...recordFields }).partial();
export const ZMeetingUpdate = updateShape.refine(timesInOrder, TIMES_MESSAGE);
export type TMeetingUpdate = z.infer<typeof ZMeetingUpdate>;

export const ZAmendmentCreate = z.object({
  reason: z.string().trim().min(1, '请填写更正原因').max(500),
  changes: updateShape.omit({ status: true }).refine(timesInOrder, TIMES_MESSAGE),
});
export type TAmendmentCreate = z.infer<typeof ZAmendmentCreate>;

export const ZValidityWarning = z.object({ code: z.string(), message: z.string(), rule: z.string() });

export const ZAttendee = z.object({
  memberId: z.number().int(),
  name: z.string(),
  /** Status on the meeting date: 正式党员 vote, 预备党员 do not. */
  memberStatus: z.string(),
  expected: z.boolean(),
  attendance: z.enum(ATTENDANCE),
  absenceReason: z.string().nullable(),
  note: z.string().nullable(),
  signedInAt: z.string().nullable(),
});

export const ZAttendanceCounts = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  absent: z.number().int(),
  unknown: z.number().int(),
  /** 正式党员 expected: those entitled to vote. */
  entitledToVote: z.number().int(),
  votersPresent: z.number().int(),
});

/** The record itself, as kept in amendment history (before/after). */
export const ZMeetingSnapshot = z.object({
  types: z.array(ZMeetingType),
  title: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  hostName: z.string().nullable(),
  recorderName: z.string().nullable(),
  lecturerName: z.string().nullable(),
  topic: z.string().nullable(),
  guests: z.array(z.string()),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  resolutions: z.string().nullable(),
  votes: z.array(ZVote),
  attendees: z.array(
    z.object({
      memberId: z.number().int(),
      name: z.string(),
      expected: z.boolean(),
      attendance: z.enum(ATTENDANCE),
      absenceReason: z.string().nullable(),
    }),
  ),
});
export type TMeetingSnapshot = z.infer<typeof ZMeetingSnapshot>;

export const ZMeetingRow = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  types: z.array(ZMeetingType),
  title: z.string(),
  status: z.enum(MEETING_STATUSES),
  /** planned 计划 / held 已召开 / locked 已归档 (only amendments from then on). */
  phase: z.enum(MEETING_PHASES),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  hostName: z.string().nullable(),
  topic: z.string().nullable(),
  expected: z.number().int(),
  present: z.number().int(),
  absent: z.number().int(),
  attachments: z.number().int(),
  amendmentCount: z.number().int(),
});
export type TMeetingRow = z.infer<typeof ZMeetingRow>;

export const ZAttachment = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  /** GET this to download (same session). */
  url: z.string(),
});

export const ZAmendment = z.object({
  id: z.number().int(),
  reason: z.string(),
  amendedAt: z.string(),
  amendedByName: z.string(),
  before: ZMeetingSnapshot,
  after: ZMeetingSnapshot,
});

export const ZMeetingDetail = ZMeetingRow.extend({
  orgPath: z.string(),
  hostMemberId: z.number().int().nullable(),
  recorderName: z.string().nullable(),
  recorderMemberId: z.number().int().nullable(),
  lecturerName: z.string().nullable(),
  lecturerMemberId: z.number().int().nullable(),
  guests: z.array(z.string()),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  resolutions: z.string().nullable(),
  votes: z.array(ZVote),
  recordedAt: z.string().nullable(),
  /** The day the record locks (or locked); null while planned. */
  locksOn: z.string().nullable(),
  attendees: z.array(ZAttendee),
  counts: ZAttendanceCounts,
  /** Validity rules of the regulations this record fails, with the rule cited (warnings, never blocking). */
  warnings: z.array(ZValidityWarning),
  attachmentList: z.array(ZAttachment),
  amendments: z.array(ZAmendment),
  /** The record as first recorded, when it has been amended since (kept, never overwritten). */
  original: ZMeetingSnapshot.nullable(),
  canEdit: z.boolean(),
  canAmend: z.boolean(),
  canDelete: z.boolean(),
  /** For the reading member: their own row and whether the sign-in window is open now. */
  mine: z
    .object({
      attendance: z.enum(ATTENDANCE),
      signedInAt: z.string().nullable(),
      signInOpens: z.string(),
      signInCloses: z.string(),
      canSignIn: z.boolean(),
    })
    .nullable(),
});
export type TMeetingDetail = z.infer<typeof ZMeetingDetail>;

export const ZMeetingListQuery = zPage.extend({
  orgId: z.coerce.number().int().optional(),
  from: zIsoDate('开始日期').optional(),
  to: zIsoDate('结束日期').optional(),
  type: ZMeetingType.optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
});
export type TMeetingListQuery = z.infer<typeof ZMeetingListQuery>;

export const ZMeetingPage = z.object({ rows: z.array(ZMeetingRow), total: z.number().int() });

export const ZCalendarQuery = z.object({
  orgId: z.coerce.number().int(),
  from: zIsoDate('开始日期'),
  to: zIsoDate('结束日期'),
});

export const ZCalendar = z.object({
  from: z.string(),
  to: z.string(),
  /** More sittings than a calendar shows: only the first ones are listed. */
  truncated: z.boolean(),
  meetings: z.array(ZMeetingRow),
});

export const ZExpectedQuery = z.object({
  orgId: z.coerce.number().int(),
  date: zIsoDate('会议日期'),
  types: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(ZMeetingType).min(1, '请至少选择一种会议类型')),
});

export const ZExpected = z.object({
  attendees: z.array(ZAttendee.pick({ memberId: true, name: true, memberStatus: true })),
  committee: z.array(z.object({ memberId: z.number().int().nullable(), name: z.string(), post: z.string() })),
  entitledToVote: z.number().int(),
});

/* ---------- member side ---------- */

export const ZMyMeetingsQuery = zPage.extend({ when: z.enum(['upcoming', 'past']).default('upcoming') });

export const ZMyMeeting = ZMeetingRow.extend({
  myAttendance: z.enum(ATTENDANCE),
  expected: z.number().int(),
  signedInAt: z.string().nullable(),
  signInOpens: z.string(),
  signInCloses: z.string(),
  canSignIn: z.boolean(),
});
export const ZMyMeetingPage = z.object({ rows: z.array(ZMyMeeting), total: z.number().int() });

export const ZMyAttendanceQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const ZMyAttendance = z.object({
  year: z.number().int(),
  expected: z.number().int(),
  present: z.number().int(),
  absent: z.number().int(),
  rows: z.array(
    ZMyMeeting.pick({
      id: true,
      orgName: true,
      types: true,
      title: true,
      date: true,
      startTime: true,
    }).extend({
      attendance: z.enum(ATTENDANCE),
      absenceReason: z.string().nullable(),
      signedInAt: z.string().nullable(),
    }),
  ),
});

export const ZSignIn = z.object({
  meetingId: z.number().int(),
  attendance: z.literal('present'),
  signedInAt: z.string(),
});

/* ---------- rulebook ---------- */

export const ZPeriodUnit = z.enum(PERIOD_UNITS, { message: '周期无效' });

export const ZRule = z.object({
  meetingType: ZMeetingType,
  unit: ZPeriodUnit,
  unitLabel: z.string(),
  minCount: z.number().int(),
  appliesTo: z.array(z.string()),
  condition: z.enum(['committee']).nullable(),
  regulation: z.string(),
});

export const ZOverride = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  meetingType: ZMeetingType,
  unit: ZPeriodUnit,
  unitLabel: z.string(),
  minCount: z.number().int(),
  regulation: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Set on this org (true) or inherited from an org above (false). */
  own: z.boolean(),
});

export const ZRulebook = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  version: z.string(),
  national: z.array(ZRule),
  /** Overrides in force or scheduled on this org and the orgs above it, newest first. */
  overrides: z.array(ZOverride),
  /** What binds this org today, per meeting type, with its source. */
  effective: z.array(
    ZRule.extend({ source: z.enum(['national', 'override']), sourceOrgName: z.string().nullable() }),
  ),
  canTighten: z.boolean(),
});

export const ZOverrideCreate = z.object({
  orgId: z.number().int(),
  meetingType: ZMeetingType,
  unit: ZPeriodUnit,
  minCount: z.number().int().min(1, '次数至少为 1').max(31),
  /** The local rule's citation, e.g. “市直机关工委〔2026〕3号：党课每月1次”. */
  regulation: z.string().trim().min(1, '请填写规定依据').max(200),
  /** First day of a month, not in the past (compliance already judged is not rewritten). */
  validFrom: zIsoDate('生效日期'),
});
export type TOverrideCreate = z.infer<typeof ZOverrideCreate>;

export const ZOverrideRetire = z.object({ validTo: zIsoDate('失效日期') });

export const ZSettings = z.object({
  tenantId: z.number().int(),
  trackingSince: z.string(),
  materializedThrough: z.string().nullable(),
  reminderLeadDays: z.number().int(),
  lockAfterDays: z.number().int(),
  canEdit: z.boolean(),
});
export const ZSettingsQuery = z.object({ orgId: z.coerce.number().int() });
export const ZSettingsUpdate = z.object({
  orgId: z.number().int(),
  trackingSince: zIsoDate('统计起始日期').optional(),
  reminderLeadDays: z.number().int().min(0).max(60).optional(),
  lockAfterDays: z.number().int().min(1).max(366).optional(),
});

/* ---------- compliance and dashboard ---------- */

export const zPeriodKey = z.string().refine((k) => periodFromKey(k) !== null, {
  message: '统计周期格式应为 2026、2026-H1、2026-Q4 或 2026-11',
});

export const ZPeriod = z.object({ key: z.string(), label: z.string(), start: z.string(), end: z.string() });

export const ZTally = z.object({
  due: z.number().int(),
  done: z.number().int(),
  pending: z.number().int(),
  overdue: z.number().int(),
  status: ZComplianceStatus,
});

export const ZDashboardQuery = z.object({ orgId: z.coerce.number().int(), period: zPeriodKey });

export const ZDashboardOrg = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  /** Has orgs below it: clicking drills down into its children. */
  hasChildren: z.boolean(),
});

export const ZHeatRow = z.object({
  org: ZDashboardOrg,
  /** Keyed by meeting type (the national rule types); a cell sums the row's whole subtree. */
  cells: z.record(z.string(), ZTally),
  total: ZTally,
});

export const ZDashboard = z.object({
  org: ZDashboardOrg,
  period: ZPeriod,
  today: z.string(),
  trackingSince: z.string(),
  types: z.array(ZMeetingType),
  totals: z.record(z.string(), ZTally),
  overall: ZTally,
  /** One row per child org (or the branch and its groups when the org is a branch). */
  rows: z.array(ZHeatRow),
  /** Month by month over the period's year: sittings held by type, and obligations falling due that month. */
  trend: z.array(
    z.object({
      month: z.string(),
      label: z.string(),
      held: z.record(z.string(), z.number().int()),
      due: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
});

export const ZBranchHeatQuery = zPage.extend({
  orgId: z.coerce.number().int(),
  period: zPeriodKey,
  status: ZComplianceStatus.optional(),
});

export const ZBranchHeat = z.object({
  period: ZPeriod,
  total: z.number().int(),
  rows: z.array(ZHeatRow.extend({ parentName: z.string().nullable() })),
});

export const ZComplianceQuery = z.object({
  orgId: z.coerce.number().int(),
  year: z.coerce.number().int().min(2000).max(2100),
});

export const ZCompliance = z.object({
  org: ZDashboardOrg,
  year: z.number().int(),
  today: z.string(),
  evaluations: z.array(
    z.object({
      meetingType: ZMeetingType,
      period: ZPeriod,
      required: z.number().int(),
      held: z.number().int(),
      status: ZComplianceStatus,
      regulation: z.string(),
      meetingIds: z.array(z.number().int()),
    }),
  ),
  /** 党支部书记每年至少讲1次党课 (《中国共产党支部工作条例（试行）》第十六条). */
  secretaryLecture: z.object({ done: z.boolean(), regulation: z.string() }).nullable(),
  meetings: z.array(ZMeetingRow),
});

export const ZLedgerQuery = z.object({
  orgId: z.coerce.number().int(),
  year: z.coerce.number().int().min(2000).max(2100),
});

export const ZLedger = z.object({
  org: ZDashboardOrg,
  year: z.number().int(),
  generatedOn: z.string(),
  sections: z.array(
    z.object({
      meetingType: ZMeetingType,
      rows: z.array(
        ZMeetingRow.extend({
          recorderName: z.string().nullable(),
          lecturerName: z.string().nullable(),
          absentees: z.array(z.object({ name: z.string(), reason: z.string().nullable() })),
          resolutions: z.string().nullable(),
        }),
      ),
    }),
  ),
  compliance: ZCompliance.shape.evaluations,
});
export type TLedger = z.infer<typeof ZLedger>;
