import type { IsoDate } from '../../../domain/calendar';
import type { Executor } from '../../db/database';
import { defineModule } from '../../module';
import type { Scope } from '../../scope';
import { seedDemoOrgLife } from '../../seed/demo-org-life';
import { DashboardService } from './dashboard.service';
import { meetingsRepository } from './meetings.repository';
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

// The public face: what other features may know about sittings (会议).
export type { Meeting } from './meetings.repository';

/** The sitting with this id. */
export const findSitting = (db: Executor, id: number) => meetingsRepository.findById(db, id);

/** The attendance list of a sitting: who was expected and who came. */
export const attendeesOf = (db: Executor, meetingId: number) => meetingsRepository.attendees(db, meetingId);

/** One org's own sittings in a date range that the actor may see, oldest first, with attendance counts. */
export const sittingsOfOrg = (
  db: Executor,
  scope: Scope,
  orgId: number,
  from: IsoDate,
  to: IsoDate,
  limit: number,
) => meetingsRepository.sittingsOfOrg(db, scope, orgId, from, to, limit);
