import { and, eq, sql } from 'drizzle-orm';
import { addDays, addMonths, type IsoDate } from '../../domain/calendar';
import { isActive, type MemberStatus, type StatusEvent, stateOn } from '../../domain/member-status';
import type { Executor } from '../db/database';
import type { OrgChanges } from '../db/org-paths';
import type { IdCardCipher } from '../features/members/id-card.crypto';
import { type MemberInsert, membersRepository } from '../features/members/members.repository';
import type { TMemberEventCreate } from '../features/members/members.schema';
import { recordMemberEvent } from '../features/members/members.service';
import { memberEvents, members } from '../features/members/members.table';
import { type GeneratedOrg, memberFactory, prng } from './generator';

/**
 * Two years of roster changes for the demo, written through the same rule the secretary's form uses
 * (recordMemberEvent), so every roster row equals its latest event: moves between branches, transfers out
 * to and in from outside orgs with their letters, a death, a suspension of membership, and an extended
 * probation. They happen in the third and fourth agency committees only, to members who hold no post and
 * have no demo account, so the branches the demo accounts work in keep the rosters their tests describe.
 * The outside orgs and letters are fictional.
 */
const MOVES_DAYS_AGO = [660, 420, 300, 150, 25];
const EXITS: { daysAgo: number; to: string; note: string }[] = [
  { daysAgo: 540, to: '中共云岭市自然资源局机关第一支部委员会', note: '工作调动，调往云岭市工作' },
  { daysAgo: 190, to: '中共柳溪市交通运输局机关第二支部委员会', note: '交流任职' },
  { daysAgo: 40, to: '中共东湖区人民政府办公室支部委员会', note: '随配偶工作调动迁居' },
];
const ARRIVALS: { daysAgo: number; from: string; letterPrefix: string }[] = [
  { daysAgo: 600, from: '中共石门市教育局机关第二支部委员会', letterPrefix: '石直党转' },
  { daysAgo: 230, from: '中共南屏市卫生健康委员会机关支部委员会', letterPrefix: '南直党转' },
  { daysAgo: 70, from: '中共白沙县财政局支部委员会', letterPrefix: '白组转' },
];
const DEATH_DAYS_AGO = 210;
const SUSPENSION_DAYS_AGO = 450;

interface Candidate {
  id: number;
  orgId: number;
  status: string;
  category: string;
  joinedOn: IsoDate;
  confirmedOn: IsoDate | null;
}

export async function seedDemoRosterHistory(
  db: Executor,
  tree: readonly GeneratedOrg[],
  today: IsoDate,
  seed: number,
  cipher: IdCardCipher,
  keepMemberIds: readonly number[],
  orgChanges: OrgChanges,
): Promise<void> {
  const rand = prng(seed ^ 0x415e);
  const root = tree[0]!;
  const byId = new Map(tree.map((o) => [o.id, o]));
  const branchOf = (orgId: number): GeneratedOrg => {
    const org = byId.get(orgId)!;
    return org.type === '党小组' ? byId.get(org.parentId!)! : org;
  };
  const units = tree.filter((o) => o.type === '机关党委');
  const eligible = tree.filter(
    (o) => o.type === '党支部' && units.slice(2).some((u) => o.path.startsWith(u.path)),
  );
  const eligibleIds = new Set(eligible.map((b) => b.id));
  const pool: Candidate[] = (
    await db
      .select({
        id: members.id,
        orgId: members.orgId,
        status: members.status,
        category: members.category,
        joinedOn: members.joinedOn,
        confirmedOn: members.confirmedOn,
      })
      .from(members)
      .where(
        and(
          eq(members.tenantId, root.tenantId),
          sql`${members.id} not in (select member_id from org_posts where member_id is not null)`,
        ),
      )
      .orderBy(members.id)
  ).filter((m) => eligibleIds.has(branchOf(m.orgId).id) && !keepMemberIds.includes(m.id));

  const jitter = (daysAgo: number) => addDays(today, -daysAgo - Math.floor(rand() * 15));
  const any = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  // One leaver per branch at most, so no demo branch drops below the size its committee needs.
  const branchesLeft = new Set<number>();
  const pick = (date: IsoDate, leaves: boolean, fits: (m: Candidate) => boolean): Candidate => {
    const choices = pool.filter(
      (m) =>
        m.status === '正式党员' &&
        m.confirmedOn !== null &&
        m.confirmedOn < addDays(date, -30) &&
        !(leaves && branchesLeft.has(branchOf(m.orgId).id)) &&
        fits(m),
    );
    if (choices.length === 0) throw new Error(`demo history: no member fits the change on ${date}`);
    const chosen = any(choices);
    pool.splice(pool.indexOf(chosen), 1);
    if (leaves) branchesLeft.add(branchOf(chosen.orgId).id);
    return chosen;
  };
  const apply = async (memberId: number, input: TMemberEventCreate) => {
    const member = (await membersRepository.findById(db, memberId))!;
    await recordMemberEvent(db, member, input, { today, createdBy: null, scope: null, orgChanges });
  };

  for (const daysAgo of MOVES_DAYS_AGO) {
    const date = jitter(daysAgo);
    const member = pick(date, false, () => true);
    const from = branchOf(member.orgId);
    await apply(member.id, {
      kind: '支部间调动',
      effectiveDate: date,
      toOrgId: any(eligible.filter((b) => b.id !== from.id)).id,
      note: rand() < 0.5 ? '因岗位调整转接组织关系' : '工作调动，组织关系随转',
    });
  }

  for (const exit of EXITS) {
    const date = jitter(exit.daysAgo);
    const member = pick(date, true, (m) => m.category === '在职');
    // The letter's validity is left to the rule: three months from issue.
    await apply(member.id, {
      kind: '转出',
      effectiveDate: date,
      counterpartOrg: exit.to,
      letterNo: `青直党转〔${date.slice(0, 4)}〕${String(10 + Math.floor(rand() * 90)).padStart(3, '0')}号`,
      note: exit.note,
    });
  }

  const deathDate = jitter(DEATH_DAYS_AGO);
  const deceased = pick(deathDate, true, (m) => m.category === '离退休');
  await apply(deceased.id, { kind: '去世', effectiveDate: deathDate, note: '因病医治无效逝世' });

  const suspensionDate = jitter(SUSPENSION_DAYS_AGO);
  const suspended = pick(suspensionDate, true, (m) => m.category === '在职');
  await apply(suspended.id, {
    kind: '停止党籍',
    effectiveDate: suspensionDate,
    note: '与党组织失去联系六个月以上，经多方查找仍未取得联系，经支部党员大会讨论、上级党组织批准停止党籍',
  });

  // New records (arrivals and a recent joiner) come from a factory of their own, re-drawn on the rare
  // ID number the generated roster already holds.
  const factory = memberFactory(seed ^ 0x7a11, today, cipher);
  const taken = new Set(
    (
      await db.select({ hash: members.idCardHash }).from(members).where(eq(members.tenantId, root.tenantId))
    ).map((r) => r.hash),
  );
  const draw = (org: GeneratedOrg, fits: (row: MemberInsert) => boolean): MemberInsert => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const row = factory.next(org);
      if (row.category === '在职' && !taken.has(row.idCardHash) && fits(row)) {
        taken.add(row.idCardHash);
        return row;
      }
    }
    throw new Error('demo history: the member factory drew no fitting record');
  };

  for (const arrival of ARRIVALS) {
    const date = jitter(arrival.daysAgo);
    const issued = addDays(date, -5 - Math.floor(rand() * 20));
    const branch = any(eligible);
    const row = draw(branch, (r) => r.status === '正式党员' && (r.confirmedOn ?? date) < addDays(date, -30));
    // Joined and confirmed elsewhere: the history here starts on the day the letter was handed in.
    const [id] = await membersRepository.bulkInsert(db, [row], null, { initialHistory: false });
    await apply(id!, {
      kind: '转入',
      effectiveDate: date,
      status: '正式党员',
      counterpartOrg: arrival.from,
      letterNo: `${arrival.letterPrefix}〔${issued.slice(0, 4)}〕${String(10 + Math.floor(rand() * 90)).padStart(3, '0')}号`,
      letterValidUntil: addMonths(issued, 3),
      note: '新调入本单位工作',
    });
  }

  // Probation is one year and may be extended once, by at most a year (党章第七条): accepted sixteen
  // months ago, extended by six months at the end of the first year, so still 预备党员 today.
  const joinedOn = addDays(addMonths(today, -16), -Math.floor(rand() * 20));
  const probationBranch = any(eligible);
  const probationer = draw(probationBranch, () => true);
  const [probationerId] = await membersRepository.bulkInsert(
    db,
    [{ ...probationer, joinedOn, confirmedOn: null, status: '预备党员' }],
    null,
  );
  await apply(probationerId!, {
    kind: '延长预备期',
    effectiveDate: addMonths(joinedOn, 12),
    note: `预备期满，经支部党员大会讨论、上级党组织审批，延长预备期六个月（至 ${addMonths(joinedOn, 18)}）`,
  });
}

/**
 * Who was an active member where on a date, from the status history by the domain rule (stateOn), held in
 * memory so the later demo seeds can ask it for every sitting and month without a query each.
 */
export interface DemoHistory {
  /** The member's state on the date if they were then an active member of the org's subtree, else null. */
  activeIn(memberId: number, orgPath: string, date: IsoDate): { status: MemberStatus } | null;
  /** Everyone with any history in the org's subtree, by id. */
  everIn(orgPath: string): number[];
  nameOf(memberId: number): string;
}

export async function loadDemoHistory(db: Executor, tenantId: number): Promise<DemoHistory> {
  const rows = await db
    .select({
      id: memberEvents.id,
      memberId: memberEvents.memberId,
      effectiveDate: memberEvents.effectiveDate,
      status: memberEvents.status,
      orgId: memberEvents.orgId,
      orgPath: memberEvents.orgPath,
      name: members.name,
    })
    .from(memberEvents)
    .innerJoin(members, eq(members.id, memberEvents.memberId))
    .where(eq(memberEvents.tenantId, tenantId))
    .orderBy(memberEvents.memberId, memberEvents.effectiveDate, memberEvents.id);
  const events = new Map<number, StatusEvent[]>();
  const pathOf = new Map<number, string>();
  const paths = new Map<number, Set<string>>();
  const names = new Map<number, string>();
  for (const r of rows) {
    names.set(r.memberId, r.name);
    const list = events.get(r.memberId) ?? [];
    list.push({
      effectiveDate: r.effectiveDate,
      seq: r.id,
      status: r.status as MemberStatus,
      orgId: r.orgId,
    });
    events.set(r.memberId, list);
    pathOf.set(r.orgId, r.orgPath);
    paths.set(r.memberId, (paths.get(r.memberId) ?? new Set()).add(r.orgPath));
  }
  return {
    activeIn(memberId, orgPath, date) {
      const state = stateOn(events.get(memberId) ?? [], date);
      if (!state || !isActive(state.status) || !pathOf.get(state.orgId)?.startsWith(orgPath)) return null;
      return { status: state.status };
    },
    everIn(orgPath) {
      return [...paths]
        .filter(([, held]) => [...held].some((p) => p.startsWith(orgPath)))
        .map(([id]) => id)
        .sort((a, b) => a - b);
    },
    nameOf: (memberId) => names.get(memberId) ?? '',
  };
}
