import type { AppDeps } from '../../deps';
import { ExamsService } from './exams.service';
import { StudyHoursService } from './hours.service';
import { StudyMaterialsService } from './materials.service';
import { StudyOverviewService } from './overview.service';
import { StudyPlansService } from './plans.service';
import { StudyPointsService } from './points.service';
import { StudyReflectionsService } from './reflections.service';
import { SelfStudyService } from './self-study.service';
import { StudySessionsService } from './sessions.service';

/**
 * The study feature's services, built once and shared by the routes and the daily job: sessions and
 * self-study credit hours through the one hours ledger, the member's overview reads points and exams.
 */
export function buildStudyServices(deps: AppDeps) {
  const hours = new StudyHoursService(deps);
  const points = new StudyPointsService(deps);
  const exams = new ExamsService(deps);
  return {
    plans: new StudyPlansService(deps),
    sessions: new StudySessionsService(deps, hours),
    hours,
    selfStudy: new SelfStudyService(deps, hours),
    reflections: new StudyReflectionsService(deps),
    materials: new StudyMaterialsService(deps),
    points,
    overview: new StudyOverviewService(deps, points, exams),
    exams,
  };
}

export type StudyServices = ReturnType<typeof buildStudyServices>;
