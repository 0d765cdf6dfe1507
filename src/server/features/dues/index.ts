import { defineModule } from '../../module';
import { seedDemoDues } from '../../seed/demo-dues';
import { duesCards } from './dues.cards';
import { DuesFiles } from './dues.files';
import { DuesJob } from './dues.job';
import { DuesReports } from './dues.reports';
import { duesRepository } from './dues.repository';
import { duesRoutes } from './dues.routes';
import { DuesService } from './dues.service';
import * as tables from './dues.table';

/** Party dues (党费): bases, the monthly ledger, payments, closings and reports. */
export const duesModule = defineModule({
  name: 'dues',
  tables,
  permissions: ['dues.read', 'dues.write'],
  services: (deps) => {
    const dues = new DuesService(deps);
    const duesReports = new DuesReports(deps, dues);
    return { dues, duesReports, duesFiles: new DuesFiles(deps, dues, duesReports) };
  },
  routes: (api, { dues, duesReports, duesFiles }) => duesRoutes(api, dues, duesReports, duesFiles),
  dailyTasks: (deps) => [new DuesJob(deps)],
  onSubtreeMove: [duesRepository.carryOnMove],
  demoSeed: (db, { tree, today, seed, accounts }) =>
    seedDemoDues(db, tree, today, seed, {
      secretaryMemberId: accounts.secretaryMemberId,
      memberId: accounts.member.memberId,
    }),
  bench: async () => [(await import('../../../../bench/sections/dues')).duesSection],
  cards: (services) => duesCards(services),
});
