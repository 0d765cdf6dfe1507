import { checkOrgReads, defineScopeProbe, type ProbeWorld } from '../../testing/scope-probes';

const year = (w: ProbeWorld) => Number(w.ctx.clock.today().slice(0, 4));

/** Study: an org's plans, hours, coverage and year ledger, by subtree. */
export const studyScopeProbe = defineScopeProbe({
  module: 'study',
  check: checkOrgReads([
    {
      what: 'study plans',
      permission: 'study.read',
      read: (w, actor, org) => w.ctx.services.study.plans.plans(actor, org.id, year(w)),
    },
    {
      what: 'study hours',
      permission: 'study.read',
      read: (w, actor, org) => w.ctx.services.study.hours.hours(actor, org.id, year(w)),
    },
    {
      what: 'study coverage',
      permission: 'study.read',
      read: (w, actor, org) => w.ctx.services.study.hours.coverage(actor, org.id, year(w)),
    },
    {
      what: 'study ledger',
      permission: 'study.read',
      read: (w, actor, org) => w.ctx.services.study.hours.ledger(actor, org.id, year(w)),
    },
  ]),
});
