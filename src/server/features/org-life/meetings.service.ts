import type { Actor } from '../../../domain/access';
import { addDays, daysBetween, type IsoDate } from '../../../domain/calendar';
import {
  type Attendance,
  type MeetingPhase,
  type MeetingStatus,
  meetingPhase,
  recordWarnings,
  signInProblem,
  signInWindow,
} from '../../../domain/meeting-record';
import type { MeetingType } from '../../../domain/org-life-rules';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { AttachmentStore } from '../../files/attachments.store';
import { invalid, notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import type { Org } from '../orgs';
import { MeetingAttachments } from './meetings.attachments';
import { type ExpectedAttendee, expectedAttendees, MeetingAttendance } from './meetings.attendance';
import { MeetingRecords } from './meetings.records';
import {
  type Meeting,
  type MeetingFilter,
  type MeetingListRow,
  meetingsRepository,
} from './meetings.repository';
import {
  MEETING_LIMITS,
  type TAmendmentCreate,
  type TMeetingCreate,
  type TMeetingListQuery,
  type TMeetingRow,
  type TMeetingSnapshot,
  type TMeetingUpdate,
} from './meetings.schema';
import { countsOf, presentAttachment, presentRow } from './meetings.shared';
import { type OrgLifeSettings, rollupsRepository } from './rollups.repository';

/** A calendar shows at most this many sittings; past it the page says so and asks for a smaller subtree. */
const CALENDAR_LIMIT = 5000;

/**
 * Meeting records: reading them (detail, lists, calendar) here; planning, recording, locking and amendments
 * in meetings.records.ts, attachments in meetings.attachments.ts, attendance and the member's side (my
 * meetings, sign-in) in meetings.attendance.ts. Every write recomputes the org's rollups in its own
 * transaction.
 */
export class MeetingsService {
  readonly attachments: AttachmentStore;
  private readonly records: MeetingRecords;
  private readonly attendance: MeetingAttendance;
  private readonly files: MeetingAttachments;

  constructor(private readonly deps: AppDeps) {
    this.attachments = new AttachmentStore(() => deps.config.filesDir, MEETING_LIMITS.attachmentBytes);
    this.records = new MeetingRecords(deps, this);
    this.attendance = new MeetingAttendance(deps, this);
    this.files = new MeetingAttachments(deps, this);
  }

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  async settingsOf(db: Executor, tenantId: number): Promise<OrgLifeSettings> {
    return rollupsRepository.settings(db, tenantId, this.today);
  }

  phaseOf(m: Meeting, settings: OrgLifeSettings): MeetingPhase {
    return meetingPhase(m.status as MeetingStatus, m.recordedOn, this.today, settings.lockAfterDays);
  }

  /* ---------- reading ---------- */

  async detail(actor: Actor, id: number, db: Executor = this.deps.db) {
    const meeting = await meetingsRepository.findById(db, id);
    if (!meeting) throw notFound('会议');
    const readScope = Scope.of(actor, 'meeting.read');
    const mineRow =
      actor.memberId !== null ? await meetingsRepository.attendee(db, id, actor.memberId) : undefined;
    if (!readScope.covers(meeting.orgPath) && !mineRow) throw notFound('会议');
    const [row, attendees, attachments, amendments, posts, settings] = await Promise.all([
      meetingsRepository.listRow(db, id),
      meetingsRepository.attendees(db, id),
      meetingsRepository.attachments(db, id),
      meetingsRepository.amendments(db, id),
      meetingsRepository.postsOn(db, meeting.orgId, meeting.date),
      this.settingsOf(db, meeting.tenantId),
    ]);
    const phase = this.phaseOf(meeting, settings);
    const counts = countsOf(attendees);
    const writable = Scope.of(actor, 'meeting.write').covers(meeting.orgPath);
    const warnings =
      meeting.status === 'held'
        ? recordWarnings(meeting.types as MeetingType[], posts, attendees, meeting.votes)
        : [];
    const window = signInWindow(meeting.date, meeting.startTime, meeting.endTime);
    const now = this.deps.clock.now();
    return {
      ...presentRow(row!, phase),
      orgPath: meeting.orgPath,
      hostMemberId: meeting.hostMemberId,
      recorderName: meeting.recorderName,
      recorderMemberId: meeting.recorderMemberId,
      lecturerName: meeting.lecturerName,
      lecturerMemberId: meeting.lecturerMemberId,
      guests: meeting.guests,
      agenda: meeting.agenda,
      minutes: meeting.minutes,
      resolutions: meeting.resolutions,
      votes: meeting.votes,
      recordedAt: meeting.recordedAt ? meeting.recordedAt.toISOString() : null,
      locksOn: meeting.recordedOn ? addDays(meeting.recordedOn, settings.lockAfterDays) : null,
      attendees: attendees.map((a) => ({
        memberId: a.memberId,
        name: a.memberName,
        memberStatus: a.memberStatus,
        expected: a.expected,
        attendance: a.attendance as Attendance,
        absenceReason: a.absenceReason,
        note: a.note,
        signedInAt: a.signedInAt ? a.signedInAt.toISOString() : null,
      })),
      counts,
      warnings,
      attachmentList: attachments.map(presentAttachment),
      amendments: amendments.map((a) => ({
        id: a.id,
        reason: a.reason,
        amendedAt: a.amendedAt.toISOString(),
        amendedByName: a.amendedByName,
        before: a.before as TMeetingSnapshot,
        after: a.after as TMeetingSnapshot,
      })),
      original: amendments.length > 0 ? (amendments[0]!.before as TMeetingSnapshot) : null,
      canEdit: writable && phase !== 'locked',
      canAmend: writable && phase === 'locked',
      canDelete: writable && phase !== 'locked',
      mine: mineRow
        ? {
            attendance: mineRow.attendance as Attendance,
            signedInAt: mineRow.signedInAt ? mineRow.signedInAt.toISOString() : null,
            signInOpens: window.opens.toISOString(),
            signInCloses: window.closes.toISOString(),
            canSignIn:
              mineRow.expected &&
              phase !== 'locked' &&
              signInProblem(now, meeting.date, meeting.startTime, meeting.endTime) === null,
          }
        : null,
    };
  }

  async filterFor(actor: Actor, query: Partial<TMeetingListQuery>): Promise<MeetingFilter> {
    const scope = authorize(actor, 'meeting.read');
    let orgPath: string | undefined;
    if (query.orgId !== undefined) {
      orgPath = (await coveredOrg(this.deps.db, scope, query.orgId)).path;
    }
    return {
      scope,
      orgPath,
      from: query.from,
      to: query.to,
      type: query.type,
      status: query.status,
      q: query.q,
    };
  }

  async list(actor: Actor, query: TMeetingListQuery) {
    const filter = await this.filterFor(actor, query);
    const { rows, total } = await meetingsRepository.page(this.deps.db, filter, query.page, query.pageSize);
    return { rows: await this.presentRows(rows), total };
  }

  async presentRows(rows: MeetingListRow[]): Promise<TMeetingRow[]> {
    const settings = new Map<number, OrgLifeSettings>();
    const out: TMeetingRow[] = [];
    for (const r of rows) {
      let s = settings.get(r.meeting.tenantId);
      if (!s) {
        s = await this.settingsOf(this.deps.db, r.meeting.tenantId);
        settings.set(r.meeting.tenantId, s);
      }
      out.push(presentRow(r, this.phaseOf(r.meeting, s)));
    }
    return out;
  }

  /** Planned and held meetings of a subtree in a date range, in date order. */
  async calendar(actor: Actor, query: { orgId: number; from: IsoDate; to: IsoDate }) {
    if (query.to < query.from) throw invalid('结束日期不能早于开始日期');
    if (daysBetween(query.from, query.to) > MEETING_LIMITS.calendarDaysMax)
      throw invalid(`日历范围不能超过 ${MEETING_LIMITS.calendarDaysMax} 天`);
    const filter = await this.filterFor(actor, query);
    const rows = await meetingsRepository.all(this.deps.db, filter, CALENDAR_LIMIT + 1);
    return {
      from: query.from,
      to: query.to,
      truncated: rows.length > CALENDAR_LIMIT,
      meetings: await this.presentRows(rows.slice(0, CALENDAR_LIMIT)),
    };
  }

  /** The expected list a form shows before saving: the roster on the date (or the committee for a 支委会). */
  async expectedPreview(actor: Actor, query: { orgId: number; date: IsoDate; types: MeetingType[] }) {
    const scope = authorize(actor, 'meeting.read');
    const org = await coveredOrg(this.deps.db, scope, query.orgId);
    const [expected, posts] = await Promise.all([
      expectedAttendees(this.deps.db, org, query.date, query.types),
      meetingsRepository.postsOn(this.deps.db, org.id, query.date),
    ]);
    return {
      attendees: expected.map((e) => ({ memberId: e.memberId, name: e.name, memberStatus: e.status })),
      committee: posts,
      entitledToVote: expected.filter((e) => e.status === '正式党员').length,
    };
  }

  /** Who is expected on a date: the org's active members then (status history), or its committee. */
  expectedFor(
    db: Executor,
    org: Org,
    date: IsoDate,
    types: readonly MeetingType[],
  ): Promise<ExpectedAttendee[]> {
    return expectedAttendees(db, org, date, types);
  }

  /* ---------- writing (meetings.records.ts) ---------- */

  create(actor: Actor, input: TMeetingCreate) {
    return this.records.create(actor, input);
  }

  update(actor: Actor, id: number, patch: TMeetingUpdate) {
    return this.records.update(actor, id, patch);
  }

  /** A locked record changes only by an amendment: the record before and after are both kept. */
  amend(actor: Actor, id: number, input: TAmendmentCreate) {
    return this.records.amend(actor, id, input);
  }

  delete(actor: Actor, id: number): Promise<void> {
    return this.records.delete(actor, id);
  }

  /* ---------- attachments (meetings.attachments.ts) ---------- */

  addAttachment(actor: Actor, meetingId: number, fileName: string, bytes: Buffer) {
    return this.files.addAttachment(actor, meetingId, fileName, bytes);
  }

  /** A file is served only to someone who may read its meeting. */
  download(actor: Actor, attachmentId: number) {
    return this.files.download(actor, attachmentId);
  }

  deleteAttachment(actor: Actor, attachmentId: number): Promise<void> {
    return this.files.deleteAttachment(actor, attachmentId);
  }

  /* ---------- the member's side (meetings.attendance.ts) ---------- */

  myMeetings(actor: Actor, query: { when: 'upcoming' | 'past'; page: number; pageSize: number }) {
    return this.attendance.myMeetings(actor, query);
  }

  myAttendance(actor: Actor, year: number | undefined) {
    return this.attendance.myAttendance(actor, year);
  }

  /** 签到: a member on the expected list marks themself present during the sitting's window. */
  signIn(actor: Actor, meetingId: number) {
    return this.attendance.signIn(actor, meetingId);
  }
}
