import { isBranch, type OrgType } from '../../../domain/org-rules';
import type { WorkbenchCard } from '../../module';
import { countStatus, deskOrgOf, percentOf } from '../../workbench/card-kit';
import type { DashboardService } from './dashboard.service';
import type { MeetingsService } from './meetings.service';

type OrgLifeServices = { meetings: MeetingsService; dashboard: DashboardService };

const ITEMS = 5;

/** The member's sittings to come; those open for sign-in now are marked. */
const myMeetings = ({ meetings }: OrgLifeServices): WorkbenchCard => ({
  id: 'org-life.my-meetings',
  title: '我的会议',
  needs: 'self',
  async load(actor) {
    const upcoming = await meetings.myMeetings(actor, { when: 'upcoming', page: 1, pageSize: ITEMS });
    const open = upcoming.rows.filter((r) => r.canSignIn).length;
    return {
      figures: [
        { label: '待参加', value: upcoming.total, unit: '次', status: countStatus(upcoming.total) },
        { label: '可签到', value: open, unit: '次', status: open > 0 ? 'due' : undefined },
      ],
      items: upcoming.rows.map((r) => ({
        text: r.title,
        hint: [`${r.date} ${r.startTime ?? ''}`.trim(), r.types.join('、'), r.place]
          .filter(Boolean)
          .join(' · '),
        status: r.canSignIn ? 'due' : undefined,
        link: `/my/meetings/${r.id}`,
      })),
      empty: '近期没有需要参加的会议',
      link: { label: '查看我的会议', to: '/my/meetings' },
    };
  },
});

/**
 * The desk's organizational life this year: for a branch its own obligations that are late or due now, for
 * a committee its subtree's tally with the children that have the most overdue.
 */
const compliance = ({ dashboard }: OrgLifeServices): WorkbenchCard => ({
  id: 'org-life.compliance',
  title: '组织生活',
  needs: 'dashboard.read',
  async load(actor, today) {
    const grant = deskOrgOf(actor, 'dashboard.read');
    if (!grant) return null;
    const year = Number(today.slice(0, 4));
    const view = await dashboard.dashboard(actor, { orgId: grant.orgId, period: String(year) });
    const org = { id: view.org.id, name: view.org.name };
    const { due, done, overdue, pending } = view.overall;

    if (isBranch(view.org.type as OrgType)) {
      const { evaluations } = await dashboard.compliance(actor, { orgId: org.id, year });
      const late = evaluations.filter((e) => e.status === '逾期');
      const current = evaluations.filter((e) => e.status === '待完成' && e.period.start <= today);
      const byEnd = (a: { period: { end: string } }, b: { period: { end: string } }) =>
        a.period.end.localeCompare(b.period.end);
      const link = `/org-life/compliance?orgId=${org.id}&year=${year}`;
      return {
        org,
        figures: [
          { label: '逾期', value: late.length, unit: '项', status: countStatus(late.length, 1) },
          { label: '本期待开展', value: current.length, unit: '项', status: countStatus(current.length) },
          { label: '本年已完成', value: `${done}/${due}`, unit: '项' },
        ],
        items: [...late.sort(byEnd), ...current.sort(byEnd)].slice(0, ITEMS).map((e) => ({
          text: `${e.meetingType} · ${e.period.label}`,
          hint:
            e.status === '逾期'
              ? `已逾期：应开 ${e.required} 次，已开 ${e.held} 次`
              : `${e.period.end} 前开展，已开 ${e.held}/${e.required} 次`,
          status: e.status === '逾期' ? 'overdue' : 'due',
          link,
        })),
        empty: '本期组织生活均已按时开展',
        link: { label: '查看达标情况', to: link },
      };
    }

    const lagging = view.rows
      .filter((r) => r.total.overdue > 0)
      .sort((a, b) => b.total.overdue - a.total.overdue || a.org.id - b.org.id);
    return {
      org,
      figures: [
        // Of the obligations whose period has ended or that were met early: those still open are not late.
        { label: '达标率', ...percentOf(done, done + overdue), status: countStatus(overdue) },
        { label: '逾期', value: overdue, unit: '项', status: countStatus(overdue, 1) },
        { label: '进行中', value: pending, unit: '项' },
      ],
      items: lagging.slice(0, ITEMS).map((r) => ({
        text: r.org.name,
        hint: `逾期 ${r.total.overdue} 项，进行中 ${r.total.pending} 项`,
        status: 'overdue',
        link: `/org-life/dashboard?orgId=${r.org.id}&period=${year}`,
      })),
      empty: '下级组织均无逾期',
      link: { label: '查看组织生活概览', to: `/org-life/dashboard?orgId=${org.id}&period=${year}` },
    };
  },
});

export const orgLifeCards = (services: OrgLifeServices): WorkbenchCard[] => [
  compliance(services),
  myMeetings(services),
];
