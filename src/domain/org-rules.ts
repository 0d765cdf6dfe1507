import { addMonths, addYears, type IsoDate } from './calendar';

/** Organization types, from the top of an installation down to party groups. */
export const ORG_TYPES = ['工委', '机关党委', '党委', '党总支', '党支部', '联合党支部', '党小组'] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const BRANCH_TYPES: readonly OrgType[] = ['党支部', '联合党支部'];
export const isBranch = (type: OrgType): boolean => BRANCH_TYPES.includes(type);

/** Which child types each type may hold; the tree is checked against this on create and move. */
export const ALLOWED_CHILDREN: Record<OrgType, readonly OrgType[]> = {
  工委: ['工委', '机关党委', '党委', '党总支', '党支部', '联合党支部'],
  机关党委: ['党委', '党总支', '党支部', '联合党支部'],
  党委: ['党总支', '党支部', '联合党支部'],
  党总支: ['党支部', '联合党支部'],
  党支部: ['党小组'],
  联合党支部: ['党小组'],
  党小组: [],
};

export const COMMITTEE_POSTS = [
  '书记',
  '副书记',
  '组织委员',
  '宣传委员',
  '纪检委员',
  '青年委员',
  '统战委员',
  '群工委员',
  '委员',
] as const;
export type CommitteePost = (typeof COMMITTEE_POSTS)[number];
/** A 党小组 has a leader, not a committee. */
export const GROUP_POSTS = ['组长', '副组长'] as const;

/**
 * Committee term lengths in years.
 * 党支部/党总支: 《中国共产党支部工作条例（试行）》第六章 (3 years outside villages and communities);
 * 党委 (incl. 机关党委, 工委): 《中国共产党党和国家机关基层组织工作条例》 (5 years).
 */
export const TERM_YEARS: Record<OrgType, number | null> = {
  工委: 5,
  机关党委: 5,
  党委: 5,
  党总支: 3,
  党支部: 3,
  联合党支部: 3,
  党小组: null,
};

/** An approved extension of a term may not exceed one year (《中国共产党基层组织选举工作条例》). */
export const MAX_TERM_EXTENSION_MONTHS = 12;
/** 换届 reminder lead time. */
export const TERM_WARNING_MONTHS = 6;

export interface TermInput {
  type: OrgType;
  termStart: IsoDate | null;
  termExtensionMonths: number;
}

export type TermState =
  | { kind: 'none' }
  | { kind: 'current'; end: IsoDate }
  | { kind: 'dueSoon'; end: IsoDate }
  | { kind: 'expired'; end: IsoDate };

export function termEnd(input: TermInput): IsoDate | null {
  const years = TERM_YEARS[input.type];
  if (years === null || !input.termStart) return null;
  return addMonths(addYears(input.termStart, years), input.termExtensionMonths);
}

export function termState(input: TermInput, today: IsoDate): TermState {
  const end = termEnd(input);
  if (!end) return { kind: 'none' };
  if (today >= end) return { kind: 'expired', end };
  if (today >= addMonths(end, -TERM_WARNING_MONTHS)) return { kind: 'dueSoon', end };
  return { kind: 'current', end };
}

export interface SizeInput {
  type: OrgType;
  /** 正式党员 in the org's subtree. */
  fullMembers: number;
  /** 正式 + 预备 in the org's subtree. */
  allMembers: number;
  /** Current committee post holders (distinct people). */
  committeeSize: number;
}

export interface OrgWarning {
  code: string;
  message: string;
  rule: string;
}

const BRANCH_RULE = '《中国共产党支部工作条例（试行）》';
const AGENCY_RULE = '《中国共产党党和国家机关基层组织工作条例》';

/** The size rules of the regulations, as warnings: they never block a change, the committee decides. */
export function sizeWarnings(input: SizeInput): OrgWarning[] {
  const w: OrgWarning[] = [];
  if (isBranch(input.type)) {
    if (input.type === '党支部' && input.fullMembers < 3)
      w.push({
        code: 'BRANCH_TOO_SMALL',
        message: `正式党员 ${input.fullMembers} 人，不足 3 人，应与邻近单位成立联合党支部`,
        rule: `${BRANCH_RULE}第四条、第五条`,
      });
    if (input.fullMembers >= 7 && input.committeeSize === 0)
      w.push({
        code: 'COMMITTEE_REQUIRED',
        message: `正式党员 ${input.fullMembers} 人（7 人以上），应当设立党支部委员会`,
        rule: `${BRANCH_RULE}第六章`,
      });
    if (input.committeeSize > 7)
      w.push({
        code: 'COMMITTEE_TOO_LARGE',
        message: `支部委员会 ${input.committeeSize} 人，一般由 3 至 5 人组成，不超过 7 人`,
        rule: `${BRANCH_RULE}第六章`,
      });
    else if (input.fullMembers >= 7 && input.committeeSize > 0 && input.committeeSize < 3)
      w.push({
        code: 'COMMITTEE_TOO_SMALL',
        message: `支部委员会 ${input.committeeSize} 人，应由 3 至 5 人组成`,
        rule: `${BRANCH_RULE}第六章`,
      });
    if (input.allMembers > 100)
      w.push({
        code: 'SHOULD_BE_COMMITTEE',
        message: `党员 ${input.allMembers} 人，超过 100 人，应设立党的基层委员会`,
        rule: AGENCY_RULE,
      });
    else if (input.allMembers > 50)
      w.push({
        code: 'SHOULD_BE_GENERAL_BRANCH',
        message: `党员 ${input.allMembers} 人，超过 50 人，一般应设立党总支`,
        rule: `${BRANCH_RULE}第四条；${AGENCY_RULE}`,
      });
  }
  if (input.type === '党总支' && input.allMembers > 100)
    w.push({
      code: 'SHOULD_BE_COMMITTEE',
      message: `党员 ${input.allMembers} 人，超过 100 人，应设立党的基层委员会`,
      rule: AGENCY_RULE,
    });
  return w;
}

export function termWarnings(input: TermInput, today: IsoDate): OrgWarning[] {
  const s = termState(input, today);
  const rule = `${BRANCH_RULE}第六章；延期不超过 1 年`;
  if (s.kind === 'expired')
    return [{ code: 'TERM_EXPIRED', message: `本届任期已于 ${s.end} 届满，应及时换届`, rule }];
  if (s.kind === 'dueSoon')
    return [
      { code: 'TERM_DUE_SOON', message: `本届任期将于 ${s.end} 届满，请提前 6 个月做好换届准备`, rule },
    ];
  return [];
}

/** Materialized org path: "/1/5/23/". A subtree is every path starting with its root's path. */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map(Number);
}

/** Every org on a path, root first, with its own path: "/1/5/23/" → 1 "/1/", 5 "/1/5/", 23 "/1/5/23/". */
export function ancestorsOf(path: string): { id: number; path: string }[] {
  const ids = pathIds(path);
  return ids.map((id, i) => ({ id, path: `/${ids.slice(0, i + 1).join('/')}/` }));
}
