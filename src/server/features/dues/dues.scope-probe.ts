import { monthOf } from '../../../domain/dues';
import { checkOrgReads, defineScopeProbe, type ProbeWorld } from '../../testing/scope-probes';

const today = (w: ProbeWorld) => w.ctx.clock.today();
const year = (w: ProbeWorld) => Number(today(w).slice(0, 4));

/** Dues: an org's settings, month ledger, payments, arrears and year report, by subtree. */
export const duesScopeProbe = defineScopeProbe({
  module: 'dues',
  check: checkOrgReads([
    {
      what: 'dues settings',
      permission: 'dues.read',
      read: (w, actor, org) => w.ctx.services.dues.settings(actor, org.id),
    },
    {
      what: 'month ledger',
      permission: 'dues.read',
      read: (w, actor, org) => w.ctx.services.dues.ledger(actor, { orgId: org.id, month: monthOf(today(w)) }),
    },
    {
      what: 'payments',
      permission: 'dues.read',
      read: (w, actor, org) =>
        w.ctx.services.dues.payments(actor, { orgId: org.id, month: monthOf(today(w)) }),
    },
    {
      what: 'arrears',
      permission: 'dues.read',
      read: (w, actor, org) => w.ctx.services.duesReports.arrears(actor, org.id),
    },
    {
      what: 'year report',
      permission: 'dues.read',
      read: (w, actor, org) => w.ctx.services.duesReports.annual(actor, { orgId: org.id, year: year(w) }),
    },
  ]),
});
