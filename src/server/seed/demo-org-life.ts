import { sql } from 'drizzle-orm';
import { addDays, addMonths, daysInMonth, fromParts, type IsoDate, parts } from '../../domain/calendar';
import { defaultTitle } from '../../domain/meeting-record';
import type { MeetingType } from '../../domain/org-life-rules';
import { COMMITTEE_POSTS } from '../../domain/org-rules';
import { periodOf, previousPeriod, shiftPeriod } from '../../domain/period';
import { type Executor, queryRows } from '../db/database';
import { type InboxItemInput, inboxRepository } from '../features/inbox/inbox.repository';
import { type MeetingInsert, meetingsRepository } from '../features/org-life/meetings.repository';
import { deliverOverdueDigest, deliverReminders } from '../features/org-life/org-life.job';
import { rebuildRollups, rollupsRepository } from '../features/org-life/rollups.repository';
import { loadDemoHistory } from './demo-roster';
import { type GeneratedOrg, prng } from './generator';

/**
 * A year of organizational life for the demo: most branches keep every rule, some have gaps (so the heat
 * map shows 逾期), the current month is partly still to come (待完成, with planned sittings members can
 * sign in to), and one group of rules is done early in the year. Loaded with one statement per table.
 */
const ABSENCE_REASONS = ['病假', '事假', '公假', '出差'];
const TOPICS = [
  '学习贯彻党的二十届四中全会精神',
  '深入学习习近平新时代中国特色社会主义思想',
  '加强机关作风建设 提升服务效能',
  '严守政治纪律和政治规矩',
  '弘扬优良作风 争做为民务实表率',
  '推进模范机关创建',
  '学习《中国共产党支部工作条例（试行）》',
  '开展“我为群众办实事”实践活动',
];
const PLACES = ['机关三楼会议室', '党员活动室', '五楼小会议室', '党建活动中心'];

type Profile = 'diligent' | 'misses-committee' | 'misses-theme-day' | 'late';
const PROFILES: readonly Profile[] = [
  'diligent',
  'diligent',
  'late',
  'misses-committee',
  'misses-theme-day',
  'diligent',
];

interface RosterMember {
  id: number;
  name: string;
}

type SeedMeeting = Omit<MeetingInsert, 'id'> & {
  attendees: { memberId: number; name: string; status: string; attendance: string; reason: string | null }[];
};

/** Tracking starts on the first day of the month eleven months back: a year of months up to today's. */
export function demoTrackingSince(today: IsoDate): IsoDate {
  return shiftPeriod(periodOf('month', today), -11).start;
}

export async function seedDemoOrgLife(
  db: Executor,
  tree: GeneratedOrg[],
  today: IsoDate,
  seed: number,
): Promise<void> {
  const rand = prng(seed ^ 0x0f1f);
  const root = tree[0]!;
  const since = demoTrackingSince(today);
  await rollupsRepository.settings(db, root.tenantId, today);
  await rollupsRepository.updateSettings(db, root.tenantId, { trackingSince: since });

  const roster = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from members where tenant_id = ${root.tenantId} order by id`,
  );
  const posts = await queryRows<{ org_id: number; member_id: number; post: string }>(
    db,
    sql`select org_id, member_id, post from org_posts where member_id is not null order by id`,
  );
  // Who sits in which meeting follows the status history, as the meetings service's expected list does:
  // a member who moved attends the old branch before the move and the new one after, one who left no more.
  const history = await loadDemoHistory(db, root.tenantId);
  const name = new Map(roster.map((r) => [Number(r.id), r.name]));

  const rows: SeedMeeting[] = [];
  const branches = tree.filter((o) => o.type === '党支部');
  branches.forEach((branch, index) => {
    const profile: Profile = index === 0 ? 'late' : PROFILES[index % PROFILES.length]!;
    const groups = tree.filter((o) => o.parentId === branch.id);
    const peopleOf = (org: GeneratedOrg): RosterMember[] =>
      history.everIn(org.path).map((id) => ({ id, name: name.get(id)! }));
    const everyone = peopleOf(branch);
    const onDate = (org: GeneratedOrg, people: RosterMember[], date: IsoDate) =>
      people.filter((m) => history.activeIn(m.id, org.path, date) !== null);
    const committee = posts
      .filter(
        (p) => Number(p.org_id) === branch.id && (COMMITTEE_POSTS as readonly string[]).includes(p.post),
      )
      .map((p) => Number(p.member_id));
    const secretary = committee[0] ?? everyone[0]?.id;
    const recorder = committee[1] ?? everyone[1]?.id ?? secretary;
    const place = PLACES[index % PLACES.length]!;
    const add = (
      org: GeneratedOrg,
      types: MeetingType[],
      date: IsoDate,
      start: string,
      end: string,
      people: RosterMember[],
      extra: Partial<MeetingInsert> = {},
    ) => {
      const held = date < today;
      const topic = TOPICS[Math.floor(rand() * TOPICS.length)]!;
      rows.push({
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        types,
        title: defaultTitle(types, date),
        status: held ? 'held' : 'planned',
        date,
        startTime: start,
        endTime: end,
        place,
        hostName: secretary ? (name.get(secretary) ?? null) : null,
        recorderName: recorder ? (name.get(recorder) ?? null) : null,
        topic,
        agenda: agendaOf(types, topic),
        minutes: held ? minutesOf(types, topic) : null,
        resolutions: held ? resolutionsOf(types) : null,
        recordedAt: held ? new Date(`${addDays(date, 1)}T10:00:00+08:00`) : null,
        recordedOn: held ? addDays(date, 1) : null,
        ...extra,
        attendees: people.flatMap((m) => {
          const state = history.activeIn(m.id, org.path, date);
          if (!state) return [];
          const roll = rand();
          const absent = held && roll < 0.1;
          return [
            {
              memberId: m.id,
              name: m.name,
              status: state.status,
              attendance: held ? (absent ? 'absent' : 'present') : 'unknown',
              reason: absent ? ABSENCE_REASONS[Math.floor(roll * 40) % ABSENCE_REASONS.length]! : null,
            },
          ];
        }),
      });
    };
    const committeeMembers = everyone.filter((m) => committee.includes(m.id));
    const lastMonth = parts(today);
    for (let month = since; month <= today; month = addMonths(month, 1)) {
      const { year, month: mo } = parts(month);
      const day = (d: number) => fromParts(year, mo, Math.min(d, daysInMonth(year, mo)));
      const monthsAgo = (lastMonth.year - year) * 12 + (lastMonth.month - mo);
      const isCurrent = monthsAgo === 0;
      const skip = (what: Profile, recentMonths: number[]) =>
        profile === what && recentMonths.includes(monthsAgo);
      // 主题党日 every month; in the middle month of a quarter combined with the 党课 (套会).
      const themeDay = day(index === 0 && isCurrent ? lastMonth.day : 8 + (index % 10));
      // The demo secretary's branch let last quarter's 党课 slip (逾期 on the dashboard until it is recorded).
      const lectureSlipped = index === 0 && monthsAgo === 1 + ((lastMonth.month - 1) % 3) + 1;
      const withLecture = mo % 3 === 2 && !lectureSlipped;
      const themeDayLecturer = onDate(branch, everyone, themeDay)[2]?.id ?? null;
      if (
        !skip('misses-theme-day', [1, 2, 3]) &&
        !(withLecture && profile === 'misses-theme-day' && monthsAgo < 6)
      )
        add(
          branch,
          withLecture ? ['主题党日', '党课'] : ['主题党日'],
          themeDay,
          index === 0 && isCurrent ? '14:30' : '09:00',
          index === 0 && isCurrent ? '16:30' : '11:00',
          everyone,
          withLecture
            ? {
                lecturerName:
                  name.get(mo === 5 || mo === 11 ? (secretary ?? 0) : (themeDayLecturer ?? 0)) ?? null,
                lecturerMemberId: mo === 5 || mo === 11 ? (secretary ?? null) : themeDayLecturer,
              }
            : {},
        );
      // 支委会 monthly where there is a committee.
      if (
        committee.length >= 3 &&
        !skip('misses-committee', [1, 3]) &&
        !(profile === 'late' && isCurrent && index !== 0)
      )
        add(
          branch,
          ['支委会'],
          day(index === 0 && isCurrent ? lastMonth.day + 5 : 3 + (index % 5)),
          '15:00',
          '16:30',
          committeeMembers,
        );
      // 支部党员大会 in the last month of each quarter.
      if (mo % 3 === 0 && !(profile === 'misses-committee' && monthsAgo < 4 && monthsAgo > 0))
        add(branch, ['支部党员大会'], day(20 + (index % 6)), '14:30', '16:30', everyone);
      // 组织生活会 and 民主评议党员 once a year (one sitting), early in the year for the diligent.
      if (mo === 1 && profile === 'diligent')
        add(branch, ['组织生活会', '民主评议党员'], day(18), '09:00', '12:00', everyone);
      for (const [g, group] of groups.entries())
        if (!(profile === 'misses-theme-day' && monthsAgo <= 2 && monthsAgo > 0))
          add(group, ['党小组会'], day(12 + g), '16:00', '17:00', peopleOf(group), {
            hostName: onDate(group, peopleOf(group), day(12 + g))[0]?.name ?? null,
          });
    }
  });
  const future = rows.filter((r) => r.date >= today);
  for (const r of future) r.status = 'planned';
  await meetingsRepository.bulkInsert(db, rows);
  await rebuildRollups(db, root.tenantId, today, today);

  // What the demo accounts find in their inboxes: notices of planned sittings, reminders, last month's digest.
  const planned = await queryRows<{
    id: number;
    title: string;
    date: string;
    start_time: string;
    end_time: string;
    place: string;
    member_id: number;
    account_id: number;
  }>(
    db,
    sql`select m.id, m.title, m.date, m.start_time, m.end_time, m.place, a.member_id, acc.id as account_id
        from meetings m join meeting_attendees a on a.meeting_id = m.id join accounts acc on acc.member_id = a.member_id
        where m.status = 'planned' and m.tenant_id = ${root.tenantId}`,
  );
  const notices: InboxItemInput[] = planned.map((p) => ({
    tenantId: root.tenantId,
    recipientAccountId: Number(p.account_id),
    kind: 'meeting.planned',
    title: `会议通知：${p.title}`,
    body: `${p.date} ${p.start_time}—${p.end_time}，地点：${p.place}。会议开始前 30 分钟起可在“我的会议”中签到。`,
    link: `/my/meetings/${p.id}`,
    dueOn: p.date,
    dedupeKey: `meeting.planned:${p.id}:${p.date}T${p.start_time}:${p.account_id}`,
  }));
  await inboxRepository.deliver(db, notices);
  const settings = await rollupsRepository.settings(db, root.tenantId, today);
  await deliverReminders(db, root.tenantId, settings, today);
  const lastMonthEnd = previousPeriod(periodOf('month', today)).end;
  await deliverOverdueDigest(db, root.tenantId, lastMonthEnd, today);
}

function agendaOf(types: readonly MeetingType[], topic: string): string {
  const lines: string[] = [];
  if (types.includes('支委会')) lines.push('研究本月党建工作安排', '讨论党员发展和教育管理有关事项');
  if (types.includes('支部党员大会'))
    lines.push('传达上级党组织会议精神', '听取支部委员会工作报告', '讨论决定本季度重要事项');
  if (types.includes('主题党日')) lines.push(`围绕“${topic}”开展主题党日活动`, '交纳党费');
  if (types.includes('党课')) lines.push(`讲授专题党课：${topic}`);
  if (types.includes('党小组会')) lines.push('组织党员学习', '开展谈心谈话和批评与自我批评');
  if (types.includes('组织生活会')) lines.push('通报上年度组织生活会整改情况', '开展批评和自我批评');
  if (types.includes('民主评议党员')) lines.push('党员个人自评', '党员互评和民主测评');
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}

function minutesOf(types: readonly MeetingType[], topic: string): string {
  return [
    `会议围绕“${topic}”进行了学习和讨论。`,
    '主持人传达了上级党组织有关文件精神，与会党员结合本职工作作了交流发言。',
    types.includes('支委会')
      ? '支部委员逐项研究了本月工作安排，明确了责任分工和完成时限。'
      : '大家一致表示要把学习成果转化为推动工作的实际成效。',
  ].join('\n');
}

function resolutionsOf(types: readonly MeetingType[]): string {
  if (types.includes('支部党员大会')) return '1. 通过本季度支部工作安排；\n2. 同意支部委员会工作报告。';
  if (types.includes('支委会')) return '按分工抓好落实，下次支委会听取进展情况。';
  return '按会议部署抓好落实。';
}
