import { defineModule } from '../../module';
import { seedDemoReflection, seedDemoStudy } from '../../seed/demo-study';
import { studyCards } from './study.cards';
import { StudyJob } from './study.job';
import { carryStudyRollupsOnMove } from './study.repository';
import { studyRoutes } from './study.routes';
import { buildStudyServices } from './study.services';
import * as tables from './study.table';

/** Study and education (学习教育): plans, sessions, hours, materials, questions and exams. */
export const studyModule = defineModule({
  name: 'study',
  tables,
  permissions: ['study.read', 'study.write'],
  services: (deps) => ({ study: buildStudyServices(deps) }),
  routes: (api, { study }) => studyRoutes(api, study),
  dailyTasks: (deps, { study }) => [new StudyJob(deps, study)],
  onSubtreeMove: [carryStudyRollupsOnMove],
  demoSeed: async (db, { tree, today, seed, accounts }) => {
    await seedDemoStudy(db, tree, today, seed);
    const { memberId, name, orgPath, tenantId } = accounts.member;
    await seedDemoReflection(db, { id: memberId, name, orgPath, tenantId });
  },
  bench: async () => [(await import('../../../../bench/sections/study')).studySection],
  cards: (services) => studyCards(services),
});
