import { addDays, type IsoDate } from './calendar';
import { MEETING_TYPES, type MeetingType } from './org-life-rules';
import type { OrgType } from './org-rules';

/**
 * One sitting of organizational life as the secretary records it, and the rules that judge the record:
 * its lifecycle (planned → held → locked), the sign-in window, and the validity rules of
 * 《中国共产党支部工作条例（试行）》 shown as warnings when recording (the committee decides, nothing is blocked).
 */
export const MEETING_STATUSES = ['planned', 'held'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
/** What a reader sees: a held record becomes locked some days after it was recorded. */
export const MEETING_PHASES = ['planned', 'held', 'locked'] as const;
export type MeetingPhase = (typeof MEETING_PHASES)[number];
export const MEETING_PHASE_LABELS: Record<MeetingPhase, string> = {
  planned: '计划',
  held: '已召开',
  locked: '已归档',
};

export const ATTENDANCE = ['unknown', 'present', 'absent'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  unknown: '未登记',
  present: '出席',
  absent: '缺席',
};

/** Records lock this many days after they are recorded unless the installation configures otherwise. */
export const DEFAULT_LOCK_AFTER_DAYS = 30;

export function meetingPhase(
  status: MeetingStatus,
  recordedOn: IsoDate | null,
  today: IsoDate,
  lockAfterDays: number,
): MeetingPhase {
  if (status === 'planned') return 'planned';
  if (recordedOn && today >= addDays(recordedOn, lockAfterDays)) return 'locked';
  return 'held';
}

/** A 支委会 on its own is a meeting of the committee; every other sitting (and any 套会 with one) is the roster's. */
export function attendeesAreCommittee(types: readonly MeetingType[]): boolean {
  return types.length > 0 && types.every((t) => t === '支委会');
}

/** 党课 records name who lectured and on what. */
export const needsLecturer = (types: readonly MeetingType[]): boolean => types.includes('党课');

export function defaultTitle(types: readonly MeetingType[], date: IsoDate): string {
  const [y, m] = date.split('-');
  const ordered = MEETING_TYPES.filter((t) => types.includes(t));
  return `${y}年${Number(m)}月${ordered.join('、')}`;
}

/** "HH:MM" in the Asia/Shanghai clock. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant of a Shanghai wall-clock time (China has no daylight saving: always UTC+8). */
export function shanghaiInstant(date: IsoDate, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Members may sign in from half an hour before the start until the end of the sitting. */
export const SIGN_IN_OPENS_MINUTES_BEFORE = 30;

export function signInWindow(
  date: IsoDate,
  startTime: string,
  endTime: string,
): { opens: Date; closes: Date } {
  const start = shanghaiInstant(date, startTime);
  return {
    opens: new Date(start.getTime() - SIGN_IN_OPENS_MINUTES_BEFORE * 60_000),
    closes: shanghaiInstant(date, endTime),
  };
}

/** Why a sign-in at `now` is refused, or null when it is accepted. */
export function signInProblem(now: Date, date: IsoDate, startTime: string, endTime: string): string | null {
  const { opens, closes } = signInWindow(date, startTime, endTime);
  if (now < opens)
    return `签到尚未开始：会议 ${date} ${startTime} 开始，开始前 ${SIGN_IN_OPENS_MINUTES_BEFORE} 分钟起可签到`;
  if (now > closes) return `签到已结束：会议已于 ${date} ${endTime} 结束`;
  return null;
}

export interface ValidityWarning {
  code: 'COMMITTEE_QUORUM' | 'ASSEMBLY_QUORUM' | 'VOTE_NOT_PASSED' | 'NO_COMMITTEE';
  message: string;
  rule: string;
}

const BRANCH_RULE = '《中国共产党支部工作条例（试行）》';
export const COMMITTEE_QUORUM_RULE = `${BRANCH_RULE}第十二条：党支部委员会会议须有半数以上委员到会方可进行`;
export const ASSEMBLY_VOTE_RULE = `${BRANCH_RULE}第十一条：表决必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有表决权的党员的半数为通过`;
export const VOTING_RIGHTS_RULE = '《中国共产党章程》第七条：预备党员没有表决权';

export interface Vote {
  matter: string;
  inFavour: number;
  against: number;
  abstain: number;
}

export interface ValidityInput {
  types: readonly MeetingType[];
  /** Committee members (post holders) on the meeting date. */
  committee: readonly string[];
  /** Who was present, by the same keys as `committee`. */
  present: readonly string[];
  /** 正式党员 expected on the date: those entitled to vote (预备党员 have no vote). */
  entitledToVote: number;
  /** 正式党员 among those present. */
  votersPresent: number;
  votes: readonly Vote[];
}

/**
 * The validity rules of a record, as warnings with the rule cited. A 支委会 needs more than half of the
 * committee present; a 党员大会 vote needs more than half of the 正式党员 present and passes only with more
 * than half of those *entitled to attend* in favour — not half of those present.
 */
export function validityWarnings(input: ValidityInput): ValidityWarning[] {
  const warnings: ValidityWarning[] = [];
  if (input.types.includes('支委会')) {
    const size = input.committee.length;
    const here = input.committee.filter((c) => input.present.includes(c)).length;
    if (size === 0)
      warnings.push({
        code: 'NO_COMMITTEE',
        message: '会议日期当天本组织没有在任的支部委员，无法召开支委会',
        rule: COMMITTEE_QUORUM_RULE,
      });
    else if (here * 2 <= size)
      warnings.push({
        code: 'COMMITTEE_QUORUM',
        message: `支部委员 ${size} 人，到会 ${here} 人，未超过半数，会议不能有效进行`,
        rule: COMMITTEE_QUORUM_RULE,
      });
  }
  if (input.types.includes('支部党员大会') && input.votes.length > 0) {
    const entitled = input.entitledToVote;
    if (input.votersPresent * 2 <= entitled)
      warnings.push({
        code: 'ASSEMBLY_QUORUM',
        message: `应到会有表决权的正式党员 ${entitled} 人，实到 ${input.votersPresent} 人，未超过半数，不能进行表决`,
        rule: ASSEMBLY_VOTE_RULE,
      });
    for (const v of input.votes)
      if (v.inFavour * 2 <= entitled)
        warnings.push({
          code: 'VOTE_NOT_PASSED',
          message: `“${v.matter}”赞成 ${v.inFavour} 票，未超过应到会有表决权党员 ${entitled} 人的半数（需至少 ${Math.floor(entitled / 2) + 1} 票），不能通过`,
          rule: ASSEMBLY_VOTE_RULE,
        });
  }
  return warnings;
}

/** One line of a record's attendance, as far as the validity rules look at it. */
export interface AttendanceFacts {
  memberId: number;
  expected: boolean;
  /** An Attendance value (stored rows carry it as text). */
  attendance: string;
  memberStatus: string;
}

/**
 * The validity warnings of a record from its attendance list and the committee posts on its date, as the
 * server states them on a saved record and the form shows them while the secretary is still entering it.
 */
export function recordWarnings(
  types: readonly MeetingType[],
  posts: readonly { memberId: number | null; name: string }[],
  attendees: readonly AttendanceFacts[],
  votes: readonly Vote[],
): ValidityWarning[] {
  const expected = attendees.filter((a) => a.expected);
  const voter = (a: AttendanceFacts) => a.memberStatus === '正式党员';
  return validityWarnings({
    types,
    committee: [...new Set(posts.map((p) => (p.memberId === null ? `name:${p.name}` : String(p.memberId))))],
    present: attendees.filter((a) => a.attendance === 'present').map((a) => String(a.memberId)),
    entitledToVote: expected.filter(voter).length,
    votersPresent: expected.filter((a) => voter(a) && a.attendance === 'present').length,
    votes,
  });
}

/**
 * Which sittings an org may record: a 党小组 holds its 党小组会 (and study or a 党课 with its group); 党小组会 is
 * a group's meeting only, so a branch's sittings never count towards a group's obligation or the reverse.
 */
export function typesAllowedFor(orgType: OrgType): readonly MeetingType[] {
  if (orgType === '党小组') return ['党小组会', '党课', '专题学习'];
  return MEETING_TYPES.filter((t) => t !== '党小组会');
}

export function typesProblem(orgType: OrgType, types: readonly MeetingType[]): string | null {
  const allowed = typesAllowedFor(orgType);
  const wrong = types.filter((t) => !allowed.includes(t));
  if (wrong.length === 0) return null;
  return orgType === '党小组'
    ? `党小组只能登记${allowed.join('、')}，不能登记${wrong.join('、')}`
    : `${wrong.join('、')}由党小组召开，请在相应党小组下登记`;
}
