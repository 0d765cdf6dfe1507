import { defineModule } from '../../module';
import { seedDemoOrgLife } from '../../seed/demo-org-life';
import { DashboardService } from './dashboard.service';
import { meetingsRoutes } from './meetings.routes';
import { MeetingsService } from './meetings.service';
import * as tables from './meetings.table';
import { orgLifeCards } from './org-life.cards';
import { OrgLifeJob } from './org-life.job';
import { orgLifeRoutes } from './org-life.routes';
import { carryRollupsOnMove, refreshRollupsOfOrgs } from './rollups.repository';
import { RulebookService } from './rulebook.service';

/** Organizational life (三会一课 and the rest): meetings, the rulebook, compliance and its dashboard. */
export const orgLifeModule = defineModule({
  name: 'org-life',
  tables,
  permissions: ['meeting.read', 'meeting.write', 'rulebook.write', 'dashboard.read'],
  services: (deps) => {
    const meetings = new MeetingsService(deps);
    return { meetings, rulebook: new RulebookService(deps), dashboard: new DashboardService(deps, meetings) };
  },
  routes: (api, { meetings, rulebook, dashboard }) => {
    meetingsRoutes(api, meetings);
    orgLifeRoutes(api, rulebook, dashboard);
  },
  dailyTasks: (deps) => [new OrgLifeJob(deps)],
  onSubtreeMove: [carryRollupsOnMove],
  onOrgFactsChanged: [refreshRollupsOfOrgs],
  demoSeed: (db, { tree, today, seed }) => seedDemoOrgLife(db, tree, today, seed),
  bench: async () => [(await import('../../../../bench/sections/org-life')).orgLifeSection],
  cards: (services) => orgLifeCards(services),
});
