import type { Actor } from '../../../domain/access';
import type { IsoDate } from '../../../domain/calendar';
import {
  HOURS_NORMS,
  hoursState,
  type NormRole,
  POINTS_NOTICE,
  type PointAction,
  pointsFor,
  tenthsToHours,
} from '../../../domain/study';
import type { AppDeps } from '../../deps';
import type { ExamsService } from './exams.service';
import { studyMaterialsRepository } from './materials.repository';
import { studyPointsRepository } from './points.repository';
import type { StudyPointsService } from './points.service';
import { studyRepository } from './study.repository';
import { judgeDay, presentMaterial, selfOf } from './study.shared';

/** The member's own study page: hours against the norm, today's item, points when shown, open exams. */
export class StudyOverviewService {
  constructor(
    private readonly deps: AppDeps,
    private readonly points: StudyPointsService,
    private readonly exams: ExamsService,
  ) {}

  private get today(): IsoDate {
    return this.deps.clock.today();
  }

  async myOverview(actor: Actor, year: number) {
    const me = await selfOf(this.deps.db, actor);
    const db = this.deps.db;
    const row = await studyRepository.memberYear(db, me.id, year);
    const committee =
      row !== undefined
        ? row.normTenths >= HOURS_NORMS.committee.tenths
        : (await studyRepository.committeeMembers(db, [me.id], this.today)).has(me.id);
    const normRole: NormRole = committee ? 'committee' : 'member';
    const norm = row?.normTenths ?? HOURS_NORMS[normRole].tenths;
    const tenths = await studyRepository.creditedTenths(db, me.id, year);
    const entries = await studyRepository.hoursEntries(db, me.id, year);
    const item = await studyMaterialsRepository.dailyFor(db, me.orgPath, this.today);
    let today = null;
    if (item) {
      const m = (await studyMaterialsRepository.findMaterial(db, item.materialId))!;
      const names = await studyRepository.orgNames(db, [m.orgId]);
      const read = await studyMaterialsRepository.readOf(db, m.id, me.id);
      today = {
        material: presentMaterial(m, names.get(m.orgId) ?? '', 0),
        readAt: read ? read.readAt.toISOString() : null,
      };
    }
    const settings = await this.points.settingsOf(me.orgId, me.orgPath);
    let points = null;
    if (settings.pointsEnabled) {
      const facts = await studyPointsRepository.pointFacts(db, [me.id], year);
      points = {
        total: pointsFor(
          facts.map((f) => ({ action: f.action as PointAction, date: f.date, units: f.units })),
          settings.pointRules,
        ),
        rules: settings.rules,
        notice: POINTS_NOTICE,
      };
    }
    return {
      year,
      hours: tenthsToHours(tenths),
      norm: tenthsToHours(norm),
      normRole,
      normText: HOURS_NORMS[normRole].regulation,
      state: hoursState(tenths, norm, judgeDay(this.today, year)),
      entries: entries.map((e) => ({
        date: e.date,
        title: e.title,
        source: e.source,
        hours: tenthsToHours(e.tenths),
      })),
      today,
      points,
      pointsNotice: POINTS_NOTICE,
      openExams: await this.exams.openCount(actor),
    };
  }
}
