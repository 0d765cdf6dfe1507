import { sql } from 'drizzle-orm';
import { addDays, fromParts, type IsoDate } from '../../domain/calendar';
import { DEFAULT_DICTIONARIES } from '../../domain/dictionaries';
import { checkCharacter, maskIdCard } from '../../domain/id-card';
import type { OrgType } from '../../domain/org-rules';
import { yearOf } from '../../domain/period';
import type { Executor } from '../db/database';
import type { IdCardCipher } from '../features/members/id-card.crypto';
import type { MemberInsert } from '../features/members/members.repository';
import { membersRepository } from '../features/members/members.repository';

/**
 * Fictional data for the demo and the benchmarks: an org tree of working committees, agency party
 * committees, branches and groups, and members with plausible, valid records (ID numbers pass GB 11643,
 * joining ages ≥ 18, confirmation a year after joining). Names are random combinations; none is a person.
 */
export interface TreeShape {
  /** City working committees under the root (0: the root itself is the city). */
  cities: number;
  unitsPerCity: number;
  branchesPerUnit: number;
  membersPerBranch: number;
  /** Every n-th branch gets two 党小组 (0: none). */
  groupsEvery: number;
  /** Every n-th unit puts its branches under a 党总支 (0: never). */
  generalBranchEvery: number;
  seed: number;
  today: IsoDate;
}

export const CITY: Omit<TreeShape, 'today'> = {
  cities: 0,
  unitsPerCity: 60,
  branchesPerUnit: 10,
  membersPerBranch: 13,
  groupsEvery: 4,
  generalBranchEvery: 7,
  seed: 2026,
};

export const PROVINCE: Omit<TreeShape, 'today'> = {
  cities: 100,
  unitsPerCity: 20,
  branchesPerUnit: 40,
  membersPerBranch: 25,
  groupsEvery: 9,
  generalBranchEvery: 5,
  seed: 2027,
};

/** Names printed in the source reports, never to be produced by chance. */
export const RESERVED_NAMES = new Set(['廖俊波', '黄秀泉', '刘金福', '吴文生']);

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶贺顾毛郝龚邵万钱严武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建志新国海鹏宇浩然子涵欣怡晨阳雪梅立成思远文博一凡佳琪晓东春燕德明嘉怡';
const UNITS = [
  '发展和改革委员会',
  '财政局',
  '教育局',
  '卫生健康委员会',
  '自然资源局',
  '住房和城乡建设局',
  '交通运输局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '民政局',
  '人力资源和社会保障局',
  '生态环境局',
  '水利局',
  '应急管理局',
  '审计局',
  '统计局',
  '市场监督管理局',
  '医疗保障局',
  '机关事务管理局',
];
const BRANCH_NAMES = [
  '机关第一',
  '机关第二',
  '办公室',
  '综合科',
  '政策法规科',
  '规划科',
  '财务审计科',
  '离退休干部',
  '信息中心',
  '执法大队',
];
const CITY_NAMES = ['青川', '云岭', '柳溪', '石门', '南屏', '东湖', '松阳', '白沙', '临江', '凤鸣'];
const REGION_CODES = [
  '350401',
  '350402',
  '350403',
  '350421',
  '350423',
  '350424',
  '350425',
  '350426',
  '350427',
  '350428',
];

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedOrg {
  id: number;
  tenantId: number;
  parentId: number | null;
  path: string;
  depth: number;
  name: string;
  type: OrgType;
  unitName: string | null;
  establishedOn: IsoDate;
  termStart: IsoDate | null;
}

export function generateOrgs(shape: TreeShape, rootName: string, firstId = 1): GeneratedOrg[] {
  const rand = prng(shape.seed);
  const out: GeneratedOrg[] = [];
  let nextId = firstId;
  const termStart = (): IsoDate =>
    fromParts(2021 + Math.floor(rand() * 5), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28));
  const add = (
    parent: GeneratedOrg | null,
    name: string,
    type: OrgType,
    unitName: string | null,
  ): GeneratedOrg => {
    const id = nextId++;
    const org: GeneratedOrg = {
      id,
      tenantId: parent ? parent.tenantId : id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      name,
      type,
      unitName,
      establishedOn: '2016-07-01',
      termStart: type === '党小组' ? null : termStart(),
    };
    out.push(org);
    return org;
  };
  const root = add(null, rootName, '工委', null);
  const cities =
    shape.cities === 0
      ? [{ org: root, city: rootName.replace(/市直机关工委$/, '') }]
      : Array.from({ length: shape.cities }, (_, c) => {
          const city = `${CITY_NAMES[c % CITY_NAMES.length]}${c >= CITY_NAMES.length ? Math.floor(c / CITY_NAMES.length) + 1 : ''}市`;
          return { org: add(root, `${city}直机关工委`, '工委', null), city };
        });
  for (const { org: cityOrg, city } of cities) {
    for (let u = 0; u < shape.unitsPerCity; u++) {
      const unitBase = UNITS[u % UNITS.length]!;
      const unit = `${city.endsWith('市') ? city : `${city}市`}${unitBase}${u >= UNITS.length ? `第${Math.floor(u / UNITS.length) + 1}分局` : ''}`;
      const committee = add(cityOrg, `中共${unit}机关委员会`, '机关党委', unit);
      const general =
        shape.generalBranchEvery > 0 && u % shape.generalBranchEvery === shape.generalBranchEvery - 1;
      const holder = general ? add(committee, `中共${unit}机关总支部委员会`, '党总支', unit) : committee;
      for (let b = 0; b < shape.branchesPerUnit; b++) {
        const label = BRANCH_NAMES[b % BRANCH_NAMES.length]!;
        const suffix = b >= BRANCH_NAMES.length ? String(Math.floor(b / BRANCH_NAMES.length) + 1) : '';
        const branch = add(holder, `中共${unit}${label}${suffix}支部委员会`, '党支部', unit);
        if (shape.groupsEvery > 0 && b % shape.groupsEvery === 0) {
          add(branch, '第一党小组', '党小组', unit);
          add(branch, '第二党小组', '党小组', unit);
        }
      }
    }
  }
  return out;
}

/** Loads orgs with one statement per 5,000 rows and moves the identity sequence past them. */
export async function insertOrgs(db: Executor, orgs: GeneratedOrg[]): Promise<void> {
  for (let i = 0; i < orgs.length; i += 5000) {
    const chunk = orgs.slice(i, i + 5000);
    const col = <K extends keyof GeneratedOrg>(k: K) => chunk.map((o) => o[k] as unknown);
    await db.execute(sql`
      insert into orgs (id, tenant_id, parent_id, path, depth, name, type, unit_name, established_on, term_start)
      select * from unnest(${sql.param(col('id'))}::int[], ${sql.param(col('tenantId'))}::int[], ${sql.param(col('parentId'))}::int[], ${sql.param(col('path'))}::text[],
        ${sql.param(col('depth'))}::int[], ${sql.param(col('name'))}::text[], ${sql.param(col('type'))}::text[], ${sql.param(col('unitName'))}::text[],
        ${sql.param(col('establishedOn'))}::date[], ${sql.param(col('termStart'))}::date[])`);
  }
  await db.execute(sql`select setval(pg_get_serial_sequence('orgs', 'id'), (select max(id) from orgs))`);
}

export interface MemberFactory {
  next(org: GeneratedOrg): MemberInsert;
}

export function memberFactory(seed: number, today: IsoDate, cipher: IdCardCipher): MemberFactory {
  const rand = prng(seed ^ 0x5a5a);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const ethnicities = DEFAULT_DICTIONARIES.ethnicity.map((e) => e.label);
  const educations = ['博士研究生', '硕士研究生', '大学本科', '大学本科', '大学本科', '大学专科'];
  const jobs = ['科员', '科员', '副科级', '正科级', '副处级', '专业技术人员', '办事员'];
  const todayYear = yearOf(today);
  let serial = 0;
  const usedIds = new Set<string>();
  return {
    next(org) {
      let name = '';
      do name = pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.6 ? pick([...GIVEN]) : '');
      while (RESERVED_NAMES.has(name));
      const retired = rand() < 0.12;
      const age = retired ? 61 + Math.floor(rand() * 20) : 24 + Math.floor(rand() * 35);
      const birthDate = fromParts(todayYear - age, 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28));
      const sex = rand() < 0.58 ? '男' : '女';
      let idCard = '';
      do {
        serial++;
        const seq = String(serial % 1000).padStart(3, '0');
        const last = Number(seq[2]);
        const fixedSeq = `${seq.slice(0, 2)}${(sex === '男') === (last % 2 === 1) ? last : (last + 1) % 10}`;
        const first17 = `${pick(REGION_CODES)}${birthDate.replaceAll('-', '')}${fixedSeq}`;
        idCard = first17 + checkCharacter(first17);
      } while (usedIds.has(idCard));
      usedIds.add(idCard);
      const joinAge = 20 + Math.floor(rand() * Math.max(1, Math.min(age - 21, 25)));
      // About one in twenty was accepted within the last year and is still on probation (预备期 one year).
      const recent = !retired && rand() < 0.06;
      const joinedOn = recent
        ? addDays(today, -30 - Math.floor(rand() * 300))
        : addDays(birthDate, Math.floor(joinAge * 365.25) + Math.floor(rand() * 200));
      const probationary = recent || addDays(joinedOn, 400) > today;
      const confirmedOn = probationary ? null : addDays(joinedOn, 365 + Math.floor(rand() * 20));
      const safeJoined = joinedOn > today ? addDays(today, -30) : joinedOn;
      return {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        name,
        sex,
        ethnicity: rand() < 0.9 ? '汉族' : pick(ethnicities),
        birthDate,
        education: pick(educations),
        idCardEnc: cipher.encrypt(idCard),
        idCardHash: cipher.hash(idCard),
        idCardMasked: maskIdCard(idCard),
        phone: `1${pick(['3', '5', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
        joinedOn: safeJoined,
        confirmedOn: confirmedOn && confirmedOn <= today ? confirmedOn : null,
        workStartedOn: addDays(birthDate, 22 * 365 + Math.floor(rand() * 900)),
        jobTitle: retired ? null : pick(jobs),
        category: retired ? '离退休' : '在职',
        status: confirmedOn && confirmedOn <= today ? '正式党员' : '预备党员',
        isFlowing: false,
        note: null,
      };
    },
  };
}

/** Members for every branch and group, loaded in batches through the roster's bulk insert. */
export async function insertMembers(
  db: Executor,
  orgs: GeneratedOrg[],
  shape: TreeShape,
  cipher: IdCardCipher,
  onProgress?: (done: number) => void,
): Promise<number> {
  const factory = memberFactory(shape.seed, shape.today, cipher);
  const rand = prng(shape.seed ^ 0x1234);
  const holders = orgs.filter((o) => o.type === '党支部' || o.type === '党小组');
  let batch: MemberInsert[] = [];
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await membersRepository.bulkInsert(db, batch, null);
    total += batch.length;
    batch = [];
    onProgress?.(total);
  };
  for (const org of holders) {
    const base = org.type === '党小组' ? Math.ceil(shape.membersPerBranch / 3) : shape.membersPerBranch;
    const count = Math.max(2, Math.round(base * (0.6 + rand() * 0.8)));
    for (let i = 0; i < count; i++) {
      batch.push(factory.next(org));
      if (batch.length >= 5000) await flush();
    }
  }
  await flush();
  return total;
}
