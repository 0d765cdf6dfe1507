import { formatYuan } from '../../../domain/dues';
import { isBranch, type OrgType } from '../../../domain/org-rules';
import type { WorkbenchCard } from '../../module';
import { countStatus, deskOrgOf, percentOf } from '../../workbench/card-kit';
import type { DuesReports } from './dues.reports';
import type { DuesService } from './dues.service';

type DuesServices = { dues: DuesService; duesReports: DuesReports };

const ITEMS = 5;
/** Three consecutive unpaid months is where the secretary is alerted (arrearsLevel in domain/dues). */
const ALERT_MONTHS = 3;

/** What the member owes, month by month. */
const myDues = ({ duesReports }: DuesServices): WorkbenchCard => ({
  id: 'dues.mine',
  title: '我的党费',
  needs: 'self',
  async load(actor) {
    const mine = await duesReports.mine(actor);
    const owedMonths = mine.history.filter((r) => r.month <= mine.currentMonth && r.owedFen > 0);
    return {
      figures: [
        {
          label: '待交',
          value: formatYuan(mine.owedFen),
          unit: '元',
          status: countStatus(owedMonths.length, ALERT_MONTHS),
        },
        mine.current
          ? { label: '本月应交', value: formatYuan(mine.current.payableFen), unit: '元' }
          : { label: '本月应交', value: '未生成' },
      ],
      items: owedMonths
        .sort((a, b) => a.month.localeCompare(b.month))
        .slice(0, ITEMS)
        .map((r) => ({
          text: `${r.month} 党费`,
          hint: `待交 ${formatYuan(r.owedFen)} 元`,
          status: r.month < mine.currentMonth ? 'overdue' : 'due',
          link: '/my-dues',
        })),
      empty: '党费已按月交清',
      link: { label: '查看我的党费', to: '/my-dues' },
    };
  },
});

/**
 * This month's collection: for a branch the members in arrears, for a committee the child subtrees
 * collecting least.
 */
const collection = ({ dues, duesReports }: DuesServices): WorkbenchCard => ({
  id: 'dues.collection',
  title: '党费收缴',
  needs: 'dues.read',
  async load(actor, today) {
    const grant = deskOrgOf(actor, 'dues.read');
    if (!grant) return null;
    const month = dues.currentMonth;
    const view = await duesReports.dashboard(actor, {
      orgId: grant.orgId,
      year: Number(today.slice(0, 4)),
      month,
    });
    const org = { id: view.org.id, name: view.org.name };
    const { total } = view;
    const monthLabel = `${Number(month.slice(5))}月`;
    const collected = { label: '已收', value: formatYuan(total.collectedFen), unit: '元' };
    // No row this month means the month's ledger is not generated yet: that is the first thing to do.
    const generated = total.members > 0;
    const figures = generated
      ? [
          {
            label: `${monthLabel}收缴率`,
            ...percentOf(total.settled, total.members),
            status: countStatus(total.members - total.settled),
          },
          { label: '已交清', value: `${total.settled}/${total.members}`, unit: '人' },
          collected,
        ]
      : [{ label: `${monthLabel}台账`, value: '未生成', status: 'due' as const }, collected];

    if (isBranch(view.org.type as OrgType)) {
      const arrears = await duesReports.arrears(actor, org.id);
      const generate = {
        text: `生成${monthLabel}党费台账`,
        status: 'due' as const,
        link: `/dues?org=${org.id}`,
      };
      return {
        org,
        figures,
        items: [
          ...(generated ? [] : [generate]),
          ...arrears.rows.map((r) => ({
            text: r.name,
            hint: `连续 ${r.consecutiveMonths} 个月未交清，欠 ${formatYuan(r.owedFen)} 元`,
            status: countStatus(Math.max(r.consecutiveMonths, 1), ALERT_MONTHS),
            link: `/dues?org=${org.id}&tab=arrears`,
          })),
        ].slice(0, ITEMS),
        empty: '没有欠交党费的党员',
        link: { label: '查看党费台账', to: `/dues?org=${org.id}` },
      };
    }

    const lowest = view.children
      .filter((c) => c.members > 0 && c.settled < c.members)
      .sort((a, b) => a.rate - b.rate || a.org.id - b.org.id);
    return {
      org,
      figures,
      items: lowest.slice(0, ITEMS).map((c) => ({
        text: c.org.name,
        hint: `收缴率 ${c.rate}%（${c.settled}/${c.members} 人）`,
        status: 'due',
        link: `/dues/dashboard?org=${c.org.id}`,
      })),
      empty: '下级组织本月均已收缴完毕',
      link: { label: '查看党费统计', to: `/dues/dashboard?org=${org.id}` },
    };
  },
});

export const duesCards = (services: DuesServices): WorkbenchCard[] => [
  collection(services),
  myDues(services),
];
