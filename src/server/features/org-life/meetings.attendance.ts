import type { Actor } from '../../../domain/access';
import { type IsoDate, shanghaiDate } from '../../../domain/calendar';
import {
  type Attendance,
  attendeesAreCommittee,
  signInProblem,
  signInWindow,
} from '../../../domain/meeting-record';
import type { MeetingType } from '../../../domain/org-life-rules';
import { periodAt, periodOf } from '../../../domain/period';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { forbidden, invalid, notFound } from '../../http/errors';
import { recordChange } from '../audit';
import { activeDictionaryLabels } from '../dictionaries';
import { membersActiveOn } from '../members';
import type { Org } from '../orgs';
import { type Attendee, type Meeting, meetingsRepository } from './meetings.repository';
import type { TAttendanceInput } from './meetings.schema';
import type { MeetingsService } from './meetings.service';
import { lockedError } from './meetings.shared';

/**
 * Attendance: who is expected at a sitting (the roster on its date, or the committee), the attendee list a
 * write leaves behind, and the member's side (my meetings, my attendance, 签到).
 */

export type ExpectedAttendee = { memberId: number; name: string; status: string };

/** Who is expected on a date: the org's active members then (status history), or its committee. */
export async function expectedAttendees(
  db: Executor,
  org: Org,
  date: IsoDate,
  types: readonly MeetingType[],
): Promise<ExpectedAttendee[]> {
  let active = await membersActiveOn(db, org.path, date);
  if (attendeesAreCommittee(types)) {
    const posts = await meetingsRepository.postsOn(db, org.id, date);
    const holders = new Set(posts.map((p) => p.memberId));
    active = active.filter((a) => holders.has(a.memberId));
  }
  const names = await meetingsRepository.members(
    db,
    active.map((a) => a.memberId),
  );
  return active.map((a) => ({
    memberId: a.memberId,
    name: names.get(a.memberId)?.name ?? '',
    status: a.status,
  }));
}

/**
 * The attendee list after a change: the expected list of the (new) date, with what was recorded kept for
 * those still on it; people no longer expected stay only if their attendance was recorded.
 */
export async function attendeeRows(
  db: Executor,
  meeting: Pick<Meeting, 'id' | 'tenantId' | 'orgPath'>,
  expected: ExpectedAttendee[],
  previous: readonly Attendee[],
  input: readonly TAttendanceInput[] | undefined,
) {
  const reasons = (await activeDictionaryLabels(db)).absenceReason;
  const rows = new Map<number, Attendee>();
  const prev = new Map(previous.map((a) => [a.memberId, a]));
  for (const e of expected) {
    const before = prev.get(e.memberId);
    rows.set(e.memberId, {
      meetingId: meeting.id,
      tenantId: meeting.tenantId,
      orgPath: meeting.orgPath,
      memberId: e.memberId,
      memberName: e.name,
      memberStatus: e.status,
      expected: true,
      attendance: before?.attendance ?? 'unknown',
      absenceReason: before?.absenceReason ?? null,
      note: before?.note ?? null,
      signedInAt: before?.signedInAt ?? null,
    });
  }
  for (const a of previous)
    if (!rows.has(a.memberId) && a.attendance !== 'unknown') rows.set(a.memberId, { ...a, expected: false });
  const outsiders = (input ?? []).filter((i) => !rows.has(i.memberId)).map((i) => i.memberId);
  const known = await meetingsRepository.members(db, outsiders);
  for (const i of input ?? []) {
    if (i.attendance === 'absent' && i.absenceReason && !reasons.includes(i.absenceReason))
      throw invalid(`缺席原因“${i.absenceReason}”不在字典中（可选：${reasons.join('、')}）`);
    let row = rows.get(i.memberId);
    if (!row) {
      const m = known.get(i.memberId);
      if (!m || m.tenantId !== meeting.tenantId) throw invalid(`党员（编号 ${i.memberId}）不存在`);
      if (i.attendance === 'unknown') continue;
      row = {
        meetingId: meeting.id,
        tenantId: meeting.tenantId,
        orgPath: meeting.orgPath,
        memberId: i.memberId,
        memberName: m.name,
        memberStatus: m.status,
        expected: false,
        attendance: 'unknown',
        absenceReason: null,
        note: null,
        signedInAt: null,
      };
      rows.set(i.memberId, row);
    }
    row.attendance = i.attendance;
    row.absenceReason = i.attendance === 'absent' ? (i.absenceReason ?? null) : null;
    if (i.note !== undefined) row.note = i.note;
    if (i.attendance !== 'present') row.signedInAt = null;
  }
  return [...rows.values()];
}

/** The member's side: sittings I am on the list of, my attendance over a year, and signing in. */
export class MeetingAttendance {
  constructor(
    private readonly deps: AppDeps,
    private readonly meetings: MeetingsService,
  ) {}

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  private requireMember(actor: Actor): number {
    if (actor.memberId === null) throw forbidden('只有在册党员本人可以使用此功能');
    return actor.memberId;
  }

  async myMeetings(actor: Actor, query: { when: 'upcoming' | 'past'; page: number; pageSize: number }) {
    const memberId = this.requireMember(actor);
    const { rows, total } = await meetingsRepository.forMember(
      this.deps.db,
      memberId,
      query.when,
      this.today,
      query.page,
      query.pageSize,
    );
    const now = this.deps.clock.now();
    const present = await this.meetings.presentRows(rows);
    return {
      total,
      rows: rows.map((r, i) => {
        const window = signInWindow(r.meeting.date, r.meeting.startTime, r.meeting.endTime);
        return {
          ...present[i]!,
          myAttendance: r.mine.attendance as Attendance,
          signedInAt: r.mine.signedInAt ? r.mine.signedInAt.toISOString() : null,
          signInOpens: window.opens.toISOString(),
          signInCloses: window.closes.toISOString(),
          canSignIn:
            r.mine.expected &&
            present[i]!.phase !== 'locked' &&
            signInProblem(now, r.meeting.date, r.meeting.startTime, r.meeting.endTime) === null,
        };
      }),
    };
  }

  async myAttendance(actor: Actor, year: number | undefined) {
    const memberId = this.requireMember(actor);
    const period = year === undefined ? periodOf('year', this.today) : periodAt('year', year, 0);
    const y = period.year;
    const rows = await meetingsRepository.attendanceOfMember(
      this.deps.db,
      memberId,
      period.start,
      period.end,
    );
    const expected = rows.filter((r) => r.mine.expected);
    return {
      year: y,
      expected: expected.length,
      present: expected.filter((r) => r.mine.attendance === 'present').length,
      absent: expected.filter((r) => r.mine.attendance === 'absent').length,
      rows: rows.map((r) => ({
        id: r.meeting.id,
        orgName: r.orgName,
        types: r.meeting.types as MeetingType[],
        title: r.meeting.title,
        date: r.meeting.date,
        startTime: r.meeting.startTime,
        attendance: r.mine.attendance as Attendance,
        absenceReason: r.mine.absenceReason,
        signedInAt: r.mine.signedInAt ? r.mine.signedInAt.toISOString() : null,
      })),
    };
  }

  /** 签到: a member on the expected list marks themself present during the sitting's window. */
  async signIn(actor: Actor, meetingId: number) {
    const memberId = this.requireMember(actor);
    return this.deps.db.transaction(async (tx) => {
      const meeting = await meetingsRepository.findById(tx, meetingId);
      const mine = meeting ? await meetingsRepository.attendee(tx, meetingId, memberId) : undefined;
      if (!meeting || !mine?.expected) throw notFound('会议');
      const settings = await this.meetings.settingsOf(tx, meeting.tenantId);
      if (this.meetings.phaseOf(meeting, settings) === 'locked') throw lockedError(settings);
      if (mine.signedInAt)
        return { meetingId, attendance: 'present' as const, signedInAt: mine.signedInAt.toISOString() };
      const now = this.deps.clock.now();
      const problem = signInProblem(now, meeting.date, meeting.startTime, meeting.endTime);
      if (problem) throw invalid(problem);
      const row = await meetingsRepository.signIn(tx, meetingId, memberId, now);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'meeting_attendance',
        entityId: `${meetingId}:${memberId}`,
        summary: `${mine.memberName} 签到：${meeting.title}`,
        tenantId: meeting.tenantId,
        orgPath: meeting.orgPath,
        after: { attendance: 'present', signedInAt: now.toISOString(), day: shanghaiDate(now) },
      });
      return { meetingId, attendance: 'present' as const, signedInAt: row.signedInAt!.toISOString() };
    });
  }
}
