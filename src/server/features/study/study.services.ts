import type { AppDeps } from '../../deps';
import { ExamsService } from './exams.service';
import { StudyHoursService } from './hours.service';
import { StudyMaterialsService } from './materials.service';
import { StudyOverviewService } from './overview.service';
import { StudyPlansService } from './plans.service';
import { StudyPointsService } from './points.service';
import { StudyReflectionsService } from './reflections.service';
import { SelfStudyService } from './self-study.service';
import { StudyService } from './study.service';

/** The study feature's services, built once and shared by the routes and the daily job. */
export function buildStudyServices(deps: AppDeps) {
  const exams = new ExamsService(deps);
  const points = new StudyPointsService(deps);
  const hours = new StudyHoursService(deps);
  return {
    selfStudy: new SelfStudyService(deps, hours),
    hours,
    overview: new StudyOverviewService(deps, points, exams),
    points,
    materials: new StudyMaterialsService(deps),
    reflections: new StudyReflectionsService(deps),
    plans: new StudyPlansService(deps),
    study: new StudyService(deps, hours),
    exams,
  };
}

export type StudyServices = ReturnType<typeof buildStudyServices>;
