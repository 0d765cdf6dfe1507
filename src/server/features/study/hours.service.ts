import type { Actor } from '../../../domain/access';
import type { IsoDate } from '../../../domain/calendar';
import { HOURS_NORMS, hoursState, type NormRole, tenthsToHours } from '../../../domain/study';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { studyExamsRepository } from './exams.repository';
import { studyReflectionsRepository } from './reflections.repository';
import { studySessionsRepository } from './sessions.repository';
import { studyRepository } from './study.repository';
import type { TStudyLedger } from './study.schema';
import { attendanceOf, judgeDay } from './study.shared';

/**
 * The hours ledger: each member's year against the annual norm, the per-org rollups moved in the same
 * transaction as the credits, the coverage of a subtree, and the 学习教育台账 drawn from them.
 */
export class StudyHoursService {
  constructor(private readonly deps: AppDeps) {}

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  /** Recomputes each member's year from the ledger and adds the change to the rollups. */
  async refreshMemberYears(db: Executor, pairs: readonly { memberId: number; year: number }[]) {
    if (pairs.length === 0) return;
    const info = await studyRepository.memberInfo(
      db,
      pairs.map((p) => p.memberId),
    );
    const judgedOn = (year: number) =>
      year === Number(this.today.slice(0, 4)) ? this.today : `${year}-12-31`;
    const sorted = [...pairs].sort((a, b) => a.memberId - b.memberId || a.year - b.year);
    for (const { memberId, year } of sorted) {
      const tenths = await studyRepository.creditedTenths(db, memberId, year);
      const row = await studyRepository.memberYear(db, memberId, year, true);
      if (row) {
        if (row.tenths === tenths) continue;
        await studyRepository.updateMemberYear(db, memberId, year, { tenths });
        await studyRepository.applyDelta(db, row.tenantId, row.orgPath, year, {
          tenths: tenths - row.tenths,
          reached: Number(tenths >= row.normTenths) - Number(row.tenths >= row.normTenths),
        });
        continue;
      }
      const m = info.get(memberId);
      if (!m) continue;
      const committee = (await studyRepository.committeeMembers(db, [memberId], judgedOn(year))).has(
        memberId,
      );
      const normTenths = HOURS_NORMS[committee ? 'committee' : 'member'].tenths;
      await studyRepository.insertMemberYear(db, {
        tenantId: m.tenantId,
        memberId,
        year,
        orgId: m.orgId,
        orgPath: m.orgPath,
        normTenths,
        tenths,
      });
      await studyRepository.applyDelta(db, m.tenantId, m.orgPath, year, {
        members: 1,
        tenths,
        reached: Number(tenths >= normTenths),
      });
    }
  }

  async hours(actor: Actor, orgId: number, year: number) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const rows = await studyRepository.memberYearsOfSubtree(this.deps.db, org.path, year);
    const today = judgeDay(this.today, year);
    const out = rows.map((r) => ({
      memberId: r.memberId,
      name: r.name,
      orgName: r.orgName,
      hours: tenthsToHours(r.tenths),
      norm: tenthsToHours(r.normTenths),
      normRole: (r.normTenths >= HOURS_NORMS.committee.tenths ? 'committee' : 'member') as NormRole,
      state: hoursState(r.tenths, r.normTenths, today),
    }));
    return { year, rows: out, reached: out.filter((r) => r.state === 'reached').length, members: out.length };
  }

  /**
   * 学习教育台账 of an org for a year, as an inspection reads it: the sittings held with attendance, each
   * member's hours against the norm, the reflections and the exams taken by the org's members.
   */
  async ledger(actor: Actor, orgId: number, year: number): Promise<TStudyLedger> {
    const scope = authorize(actor, 'study.read');
    const db = this.deps.db;
    const org = await coveredOrg(db, scope, orgId);
    const sessionRows = (await studySessionsRepository.sessions(db, scope, org.path, year)).filter(
      (r) => r.session.status === 'held',
    );
    sessionRows.reverse();
    const sessions = [];
    for (const r of sessionRows) {
      const attendees = await attendanceOf(db, r.session);
      sessions.push({
        id: r.session.id,
        date: r.session.date,
        kind: r.session.kind,
        title: r.session.title,
        orgName: r.orgName,
        place: r.session.place,
        lecturerName: r.session.lecturerName,
        hours: tenthsToHours(r.session.tenths),
        present: attendees.filter((a) => a.present).length,
        expected: attendees.length,
        absentees: attendees.filter((a) => !a.present).map((a) => a.name),
        meetingTitle: r.meetingTitle,
      });
    }

    const years = await studyRepository.memberYearsOfSubtree(db, org.path, year);
    const split = await studyRepository.hoursBySource(
      db,
      years.map((y) => y.memberId),
      year,
    );
    const members = years.map((y) => {
      const s = split.get(y.memberId) ?? { collective: 0, self: 0 };
      return {
        memberId: y.memberId,
        name: y.name,
        orgName: y.orgName,
        collectiveHours: tenthsToHours(s.collective),
        selfHours: tenthsToHours(s.self),
        totalHours: tenthsToHours(y.tenths),
        norm: tenthsToHours(y.normTenths),
        met: y.tenths >= y.normTenths,
      };
    });

    const reflectionRows = await studyReflectionsRepository.reflections(db, scope, org.path, { year });
    const reflections = reflectionRows.reverse().map(({ reflection: r }) => ({
      id: r.id,
      title: r.title,
      memberName: r.memberName,
      submittedAt: r.submittedAt.toISOString(),
      status: r.status as 'submitted' | 'reviewed' | 'returned',
      reviewerName: r.reviewerName,
      reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
    }));

    // The exams the org's members sit: its own, those of the orgs above it and below it (as the exam list).
    const examRows = await studyExamsRepository.examsOfOrg(db, org.path, year);
    const exams = [];
    for (const { exam, orgName } of examRows.reverse()) {
      const best = new Map<number, { score: number; passed: boolean }>();
      for (const a of await studyExamsRepository.attemptsOfExam(db, exam.id, org.path)) {
        if (a.submittedAt === null) continue;
        const b = best.get(a.memberId);
        if (!b || (a.score ?? 0) > b.score)
          best.set(a.memberId, { score: a.score ?? 0, passed: Boolean(a.passed) });
      }
      const scores = [...best.values()];
      exams.push({
        id: exam.id,
        title: exam.title,
        orgName,
        opensAt: exam.opensAt.toISOString(),
        participants: scores.length,
        averageScore: scores.length
          ? Math.round((scores.reduce((sum, b) => sum + b.score, 0) / scores.length) * 10) / 10
          : null,
        passed: scores.filter((b) => b.passed).length,
        totalScore: exam.totalScore,
        passScore: exam.passScore,
      });
    }

    return {
      org: { id: org.id, name: org.name },
      year,
      generatedOn: this.today,
      sessions,
      members,
      reflections,
      exams,
      totals: {
        sessions: sessions.length,
        sessionHours: tenthsToHours(sessionRows.reduce((sum, r) => sum + r.session.tenths, 0)),
        members: members.length,
        membersMet: members.filter((m) => m.met).length,
        reflections: reflections.length,
        exams: exams.length,
      },
    };
  }

  async coverage(actor: Actor, orgId: number, year: number) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const rows = await studyRepository.coverageRows(this.deps.db, org.id, year);
    const present = (r: (typeof rows)[number]) => ({
      orgId: r.orgId,
      orgName: r.orgName,
      orgType: r.orgType,
      members: r.members,
      reached: r.reached,
      coverage: r.members ? Math.round((r.reached / r.members) * 1000) / 10 : null,
      averageHours: r.members ? Math.round(r.tenths / r.members) / 10 : null,
      examTakers: r.examTakers,
      examPassed: r.examPassed,
      examAverage: r.examTotal ? Math.round((r.examScore / r.examTotal) * 1000) / 10 : null,
    });
    const self = rows.find((r) => r.orgId === org.id)!;
    return {
      year,
      org: present(self),
      children: rows.filter((r) => r.orgId !== org.id).map(present),
    };
  }
}
