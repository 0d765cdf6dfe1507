import type { AppDeps } from '../../deps';
import { ExamsService } from './exams.service';
import { StudyMaterialsService } from './materials.service';
import { StudyPlansService } from './plans.service';
import { StudyReflectionsService } from './reflections.service';
import { StudyService } from './study.service';

/** The study feature's services, built once and shared by the routes and the daily job. */
export function buildStudyServices(deps: AppDeps) {
  const exams = new ExamsService(deps);
  return {
    materials: new StudyMaterialsService(deps),
    reflections: new StudyReflectionsService(deps),
    plans: new StudyPlansService(deps),
    study: new StudyService(deps, (actor) => exams.openCount(actor)),
    exams,
  };
}

export type StudyServices = ReturnType<typeof buildStudyServices>;
