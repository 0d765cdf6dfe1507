import { defineModule } from '../../module';
import { seedDemoRosterHistory } from '../../seed/demo-roster';
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
