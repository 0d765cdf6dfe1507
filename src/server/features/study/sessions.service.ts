import type { Actor } from '../../../domain/access';
import type { IsoDate } from '../../../domain/calendar';
import { formatHours, sittingKeyOf, tenthsToHours } from '../../../domain/study';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { conflict, invalid, notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { membersActiveOn } from '../members';
import { findSitting, sittingsOfOrg } from '../org-life';
import { findOrg, type Org } from '../orgs';
import type { StudyHoursService } from './hours.service';
import { studyPlansRepository } from './plans.repository';
import { type Session, studySessionsRepository } from './sessions.repository';
import { type Credit, studyRepository } from './study.repository';
import type { TSessionCreate, TSessionUpdate } from './study.schema';
import { attendanceOf, tenthsOf } from './study.shared';

const SESSION = '学习活动';

/**
 * Study sessions (sittings) with their attendance: a sitting linked to a meeting record reuses the meeting's
 * attendance and counts once; a held sitting credits its hours to everyone present.
 */
export class StudySessionsService {
  constructor(
    private readonly deps: AppDeps,
    private readonly hours: StudyHoursService,
  ) {}

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  private async coveredSession(db: Executor, scope: Scope, id: number): Promise<Session> {
    const s = await studySessionsRepository.findSession(db, id);
    if (!s) throw notFound(SESSION);
    scope.assertCovers(s.orgPath, SESSION);
    return s;
  }

  async sessions(actor: Actor, orgId: number, year: number) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const rows = await studySessionsRepository.sessions(this.deps.db, scope, org.path, year);
    return { rows: rows.map((r) => this.presentSessionRow(r.session, r)) };
  }

  private presentSessionRow(
    s: Session,
    extra: { orgName: string; meetingTitle: string | null; present: number; expected: number },
  ) {
    return {
      id: s.id,
      orgId: s.orgId,
      orgName: extra.orgName,
      kind: s.kind,
      title: s.title,
      status: s.status as 'planned' | 'held',
      date: s.date,
      place: s.place,
      lecturerName: s.lecturerName,
      hours: tenthsToHours(s.tenths),
      planId: s.planId,
      meetingId: s.meetingId,
      meetingTitle: extra.meetingTitle,
      present: extra.present,
      expected: extra.expected,
    };
  }

  async sessionDetail(actor: Actor, id: number, db: Executor = this.deps.db) {
    const scope = authorize(actor, 'study.read');
    const s = await this.coveredSession(db, scope, id);
    const org = await findOrg(db, s.orgId);
    const attendees = await attendanceOf(db, s);
    const meeting = s.meetingId ? await findSitting(db, s.meetingId) : undefined;
    const writable = Scope.of(actor, 'study.write').covers(s.orgPath);
    return {
      ...this.presentSessionRow(s, {
        orgName: org?.name ?? '',
        meetingTitle: meeting?.title ?? null,
        present: attendees.filter((a) => a.present).length,
        expected: attendees.length,
      }),
      content: s.content,
      lecturerMemberId: s.lecturerMemberId,
      attendanceFrom: (s.meetingId ? 'meeting' : 'session') as 'meeting' | 'session',
      attendees,
      canEdit: writable,
    };
  }

  /**
   * The org's active members on a date, judged by the status history (as a meeting's expected list is):
   * a member who joined after the date is not offered, one transferred out since still is.
   */
  private async rosterOn(db: Executor, org: Org, date: IsoDate) {
    const active = await membersActiveOn(db, org.path, date);
    const info = await studyRepository.memberInfo(
      db,
      active.map((a) => a.memberId),
    );
    return active.map((a) => ({ id: a.memberId, name: info.get(a.memberId)?.name ?? '', orgId: a.orgId }));
  }

  /** Who the attendance form offers for a sitting of the org on a date: exactly whom the server accepts. */
  async roster(actor: Actor, orgId: number, date: IsoDate) {
    const scope = authorize(actor, 'study.write');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const rows = await this.rosterOn(this.deps.db, org, date);
    const names = await studyRepository.orgNames(this.deps.db, [...new Set(rows.map((r) => r.orgId))]);
    return {
      date,
      rows: rows.map((r) => ({ memberId: r.id, name: r.name, orgName: names.get(r.orgId) ?? '' })),
    };
  }

  /** Meetings of the org in a year that a session could be linked to (not linked yet). */
  async meetingCandidates(actor: Actor, orgId: number, year: number) {
    const scope = authorize(actor, 'study.write');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const rows = await sittingsOfOrg(this.deps.db, scope, org.id, `${year}-01-01`, `${year}-12-31`, 1000);
    const out = [];
    for (const r of rows) {
      if (await studySessionsRepository.sessionByMeeting(this.deps.db, r.meeting.id)) continue;
      out.push({
        id: r.meeting.id,
        title: r.meeting.title,
        date: r.meeting.date,
        types: r.meeting.types,
        status: r.meeting.status,
        present: r.present,
      });
    }
    return { rows: out.reverse() };
  }

  private async checkMeetingLink(db: Executor, org: Org, meetingId: number, sessionId: number | null) {
    const meeting = await findSitting(db, meetingId);
    if (!meeting || meeting.orgId !== org.id) throw invalid('关联的会议不存在或不是本组织的会议');
    const linked = await studySessionsRepository.sessionByMeeting(db, meetingId);
    if (linked && linked.id !== sessionId)
      throw conflict(`该会议已登记为学习活动“${linked.title}”，同一次会议只登记一次、只计一次学时`);
    return meeting;
  }

  async createSession(actor: Actor, input: TSessionCreate) {
    const scope = authorize(actor, 'study.write');
    const id = await this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      let date = input.date;
      if (input.meetingId !== null) {
        const meeting = await this.checkMeetingLink(tx, org, input.meetingId, null);
        date = meeting.date;
      }
      if (input.status === 'held' && date > this.today)
        throw invalid('学习日期晚于今天，尚未开展的学习请保存为计划');
      if (input.planId !== null) await this.checkPlan(tx, org, input.planId);
      const session = await studySessionsRepository.insertSession(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        planId: input.planId,
        meetingId: input.meetingId,
        kind: input.kind,
        title: input.title,
        status: input.status,
        date,
        place: input.place,
        lecturerName: input.lecturerName,
        lecturerMemberId: input.lecturerMemberId,
        content: input.content,
        tenths: tenthsOf(input.hours),
        createdBy: actor.accountId,
      });
      if (!input.meetingId) await this.writeOwnAttendance(tx, session, org, input.presentMemberIds ?? []);
      await this.credit(tx, session);
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'study_session',
        entityId: session.id,
        summary: `${input.status === 'held' ? '登记' : '计划'}学习活动“${session.title}”（${session.kind}，${formatHours(session.tenths)}）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: session,
      });
      return session.id;
    });
    return this.sessionDetail(actor, id);
  }

  private async checkPlan(db: Executor, org: Org, planId: number) {
    const plan = await studyPlansRepository.findPlan(db, planId);
    if (!plan || !org.path.startsWith(plan.orgPath)) throw invalid('所选学习计划不存在或不属于本组织');
  }

  /**
   * The expected list is the org's active roster on the session's date; attendance of people not on it
   * (not yet members then, or of another org) is refused.
   */
  private async writeOwnAttendance(db: Executor, session: Session, org: Org, presentIds: readonly number[]) {
    const roster = await this.rosterOn(db, org, session.date);
    const present = new Set(presentIds);
    const known = new Set(roster.map((m) => m.id));
    const unknown = presentIds.filter((id) => !known.has(id));
    if (unknown.length)
      throw invalid(`出席人员（编号 ${unknown.join('、')}）在 ${session.date} 不是本组织在册党员`);
    await studySessionsRepository.replaceSessionAttendees(
      db,
      session.id,
      roster.map((m) => ({
        sessionId: session.id,
        tenantId: session.tenantId,
        orgPath: session.orgPath,
        memberId: m.id,
        memberName: m.name,
        present: present.has(m.id),
      })),
    );
  }

  /**
   * Credits a session's hours to everyone present (none while planned) and moves the member years and
   * rollups by the difference, all in the caller's transaction.
   */
  async credit(db: Executor, session: Session) {
    let credits: Credit[] = [];
    if (session.status === 'held' && session.tenths > 0) {
      const present = (await attendanceOf(db, session)).filter((a) => a.present).map((a) => a.memberId);
      const info = await studyRepository.memberInfo(db, present);
      credits = present.map((memberId) => ({
        tenantId: session.tenantId,
        memberId,
        orgPath: info.get(memberId)?.orgPath ?? session.orgPath,
        date: session.date,
        sittingKey: sittingKeyOf({ kind: 'session', id: session.id, meetingId: session.meetingId }),
        source: 'session' as const,
        sourceId: session.id,
        tenths: session.tenths,
      }));
    }
    const touched = await studyRepository.replaceCredits(db, 'session', session.id, credits);
    if (session.meetingId)
      await studySessionsRepository.updateSession(db, session.id, { syncedAt: this.deps.clock.now() });
    await this.hours.refreshMemberYears(db, touched);
  }

  async updateSession(actor: Actor, id: number, input: TSessionUpdate) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const before = await this.coveredSession(tx, scope, id);
      const org = (await findOrg(tx, before.orgId))!;
      const meetingId = input.meetingId === undefined ? before.meetingId : input.meetingId;
      let date = input.date ?? before.date;
      if (meetingId !== null) date = (await this.checkMeetingLink(tx, org, meetingId, id)).date;
      const status = input.status ?? before.status;
      if (status === 'held' && date > this.today)
        throw invalid('学习日期晚于今天，尚未开展的学习请保存为计划');
      if (input.planId) await this.checkPlan(tx, org, input.planId);
      const session = await studySessionsRepository.updateSession(tx, id, {
        status,
        kind: input.kind,
        title: input.title,
        date,
        place: input.place,
        lecturerName: input.lecturerName,
        lecturerMemberId: input.lecturerMemberId,
        content: input.content,
        tenths: input.hours === undefined ? undefined : tenthsOf(input.hours),
        planId: input.planId,
        meetingId,
      });
      if (meetingId === null) {
        if (input.presentMemberIds !== undefined)
          await this.writeOwnAttendance(tx, session, org, input.presentMemberIds);
        else if (before.meetingId !== null) await this.writeOwnAttendance(tx, session, org, []);
      } else if (before.meetingId === null) await studySessionsRepository.replaceSessionAttendees(tx, id, []);
      await this.credit(tx, session);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'study_session',
        entityId: id,
        summary: `修改学习活动“${session.title}”${status === 'held' ? '（已开展）' : ''}`,
        tenantId: session.tenantId,
        orgPath: session.orgPath,
        before,
        after: { ...session, presentMemberIds: input.presentMemberIds },
      });
    });
    return this.sessionDetail(actor, id);
  }

  /** Takes the linked meeting's attendance over again (also done by the daily job when the meeting changed). */
  async syncSession(actor: Actor, id: number) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const s = await this.coveredSession(tx, scope, id);
      if (!s.meetingId) throw invalid('该学习活动未关联会议记录');
      await this.credit(tx, s);
    });
    return this.sessionDetail(actor, id);
  }

  async deleteSession(actor: Actor, id: number) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const s = await this.coveredSession(tx, scope, id);
      const touched = await studyRepository.replaceCredits(tx, 'session', id, []);
      await studySessionsRepository.deleteSession(tx, id);
      await this.hours.refreshMemberYears(tx, touched);
      await recordChange(tx, actor, {
        action: 'delete',
        entity: 'study_session',
        entityId: id,
        summary: `删除学习活动“${s.title}”`,
        tenantId: s.tenantId,
        orgPath: s.orgPath,
        before: s,
      });
    });
  }
}
