import type { Executor } from '../../db/database';
import { defineModule } from '../../module';
import { seedDemoRosterHistory } from '../../seed/demo-roster';
import { MemberFlowJob, PROBATION_DUE } from './members.job';
import { membersRepository, type VocabularyField } from './members.repository';
import { membersRoutes } from './members.routes';
import { MembersService } from './members.service';
import * as tables from './members.table';
import { rosterRoutes } from './roster.routes';
import { RosterService } from './roster.service';

/** The roster (花名册): members, their history, and the Excel import and export. */
export const membersModule = defineModule({
  name: 'members',
  tables,
  permissions: ['member.read', 'member.write', 'member.revealIdCard'],
  services: (deps, _earlier, platform) => {
    const members = new MembersService(deps, platform.orgChanges);
    return { members, roster: new RosterService(deps, members) };
  },
  routes: (api, { members, roster }) => {
    membersRoutes(api, members);
    rosterRoutes(api, roster);
  },
  reminders: [{ kind: PROBATION_DUE, label: '预备期满' }],
  dailyTasks: (deps) => [new MemberFlowJob(deps)],
  // Before the ledgers of later modules, which judge every sitting and month by this history; it leaves the
  // demo accounts' members alone, whose committees and accounts are already made.
  demoSeed: (db, { tree, today, seed, cipher, platform, accounts }) =>
    seedDemoRosterHistory(
      db,
      tree,
      today,
      seed,
      cipher,
      [accounts.secretaryMemberId, accounts.otherSecretaryMemberId, accounts.member.memberId],
      platform.orgChanges,
    ),
  bench: async () => {
    const [roster, subtree, importing] = await Promise.all([
      import('../../../../bench/sections/roster'),
      import('../../../../bench/sections/subtree'),
      import('../../../../bench/sections/import'),
    ]);
    return [roster.rosterSection, subtree.subtreeSection, importing.importSection];
  },
});

// The public face: what other features may know about the roster.
export type { Member, VocabularyField } from './members.repository';

/** The member with this id, whatever their status. */
export const findMember = (db: Executor, id: number) => membersRepository.findById(db, id);

/** Members of an org's subtree who were active (正式 or 预备) on a date, judged by the status history. */
export const membersActiveOn = (db: Executor, orgPath: string, date: string) =>
  membersRepository.activeOn(db, orgPath, date);

/** How many members carry a dictionary label (a label in use may not be deleted). */
export const countMembersWithLabel = (db: Executor, field: VocabularyField, label: string) =>
  membersRepository.countWithLabel(db, field, label);
