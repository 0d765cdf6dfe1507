import { isBranch, type OrgType } from '../../../domain/org-rules';
import type { WorkbenchCard } from '../../module';
import { countStatus, deskOrgOf, percentOf } from '../../workbench/card-kit';
import type { StudyServices } from './study.services';

type Services = { study: StudyServices };

const ITEMS = 5;
const HOURS_STATUS = { reached: 'ok', on_track: 'ok', behind: 'due' } as const;
const HOURS_HINT = { reached: '已达到年度要求', on_track: '进度正常', behind: '进度落后' } as const;

/** The member's hours against the annual norm, today's item and the exams open to them. */
const myStudy = ({ study }: Services): WorkbenchCard => ({
  id: 'study.mine',
  title: '我的学习',
  needs: 'self',
  async load(actor, today) {
    const year = Number(today.slice(0, 4));
    const [overview, exams] = await Promise.all([
      study.overview.myOverview(actor, year),
      study.exams.myExams(actor),
    ]);
    const open = exams.rows.filter((e) => e.state === 'available' || e.state === 'in_progress');
    const items = open.map((e) => ({
      text: `考试：${e.title}`,
      hint: `${e.closesAt.slice(0, 10)} 截止 · ${e.orgName}`,
      status: 'due' as const,
      link: '/my/study',
    }));
    if (overview.today && overview.today.readAt === null)
      items.push({
        text: `今日学习：${overview.today.material.title}`,
        hint: '尚未阅读',
        status: 'due',
        link: '/my/study',
      });
    return {
      figures: [
        {
          label: `${year}年学时`,
          value: `${overview.hours}/${overview.norm}`,
          unit: '学时',
          status: HOURS_STATUS[overview.state],
        },
        { label: '待参加考试', value: open.length, unit: '场', status: countStatus(open.length) },
      ],
      items: items.slice(0, ITEMS),
      empty: HOURS_HINT[overview.state],
      link: { label: '查看我的学习', to: '/my/study' },
    };
  },
});

/**
 * The desk's study coverage this year (members at the norm): for a branch the members behind, in roster
 * order (a reminder list, never a ranking), for a committee the child subtrees with the lowest coverage.
 */
const coverage = ({ study }: Services): WorkbenchCard => ({
  id: 'study.coverage',
  title: '学习教育',
  needs: 'study.read',
  async load(actor, today) {
    const grant = deskOrgOf(actor, 'study.read');
    if (!grant) return null;
    const year = Number(today.slice(0, 4));
    const view = await study.hours.coverage(actor, grant.orgId, year);
    const self = view.org;
    const org = { id: self.orgId, name: self.orgName };
    const link = `/study?org=${org.id}&tab=coverage`;
    const figures = [
      {
        label: '学时达标',
        ...percentOf(self.reached, self.members),
        status: countStatus(self.members - self.reached),
      },
      { label: '已达标', value: `${self.reached}/${self.members}`, unit: '人' },
      {
        label: '人均学时',
        value: self.averageHours ?? '—',
        unit: self.averageHours === null ? undefined : '学时',
      },
    ];
    if (isBranch(self.orgType as OrgType)) {
      const hours = await study.hours.hours(actor, org.id, year);
      return {
        org,
        figures,
        items: hours.rows
          .filter((r) => r.state === 'behind')
          .slice(0, ITEMS)
          .map((r) => ({
            text: r.name,
            hint: `${r.hours}/${r.norm} 学时 · ${HOURS_HINT[r.state]}`,
            status: 'due' as const,
            link: `/study?org=${org.id}&tab=hours`,
          })),
        empty: '全体党员学时进度正常',
        link: { label: '查看学习教育', to: link },
      };
    }
    const lowest = view.children
      .filter((c) => c.members > 0 && c.reached < c.members)
      .sort((a, b) => (a.coverage ?? 0) - (b.coverage ?? 0) || a.orgId - b.orgId);
    return {
      org,
      figures,
      items: lowest.slice(0, ITEMS).map((c) => ({
        text: c.orgName,
        hint: `达标 ${c.reached}/${c.members} 人（${c.coverage}%）`,
        status: 'due' as const,
        link: `/study?org=${c.orgId}&tab=coverage`,
      })),
      empty: '下级组织党员均已达标',
      link: { label: '查看学习覆盖', to: link },
    };
  },
});

export const studyCards = (services: Services): WorkbenchCard[] => [coverage(services), myStudy(services)];
