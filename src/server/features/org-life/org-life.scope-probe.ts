import { checkOrgReads, defineScopeProbe, type ProbeWorld } from '../../testing/scope-probes';
import { ZMeetingListQuery } from './meetings.schema';

const year = (world: ProbeWorld) => Number(world.ctx.clock.today().slice(0, 4));

/** Organizational life: an org's sittings, calendar, ledger, compliance and rulebook settings, by subtree. */
export const orgLifeScopeProbe = defineScopeProbe({
  module: 'org-life',
  check: checkOrgReads([
    {
      what: 'meeting list',
      permission: 'meeting.read',
      read: (w, actor, org) =>
        w.ctx.services.meetings.list(
          actor,
          ZMeetingListQuery.parse({ orgId: org.id, page: 1, pageSize: 20 }),
        ),
    },
    {
      what: 'year ledger',
      permission: 'meeting.read',
      read: (w, actor, org) => w.ctx.services.dashboard.ledger(actor, { orgId: org.id, year: year(w) }),
    },
    {
      what: 'rulebook settings',
      permission: 'meeting.read',
      read: (w, actor, org) => w.ctx.services.rulebook.settings(actor, org.id),
    },
  ]),
});
