import type { ComplianceStatus } from '../../../domain/org-life-rules';

/** Fills of the heat map and the status tags: the colours every compliance view uses. */
export const STATUS_FILL: Record<ComplianceStatus, string> = {
  已完成: '#52c41a',
  待完成: '#faad14',
  逾期: '#f5222d',
  不适用: '#d9d9d9',
};

/** The same statuses as antd Tag presets. */
export const STATUS_TAG: Record<ComplianceStatus, string> = {
  已完成: 'green',
  待完成: 'gold',
  逾期: 'red',
  不适用: 'default',
};

/** Orgs that owe sittings themselves: their compliance page lists each obligation. */
const OWN_OBLIGATION_TYPES = new Set(['党支部', '联合党支部', '党小组']);
export const hasOwnObligations = (type: string) => OWN_OBLIGATION_TYPES.has(type);

export const compliancePath = (orgId: number, year: number) =>
  `/org-life/compliance?orgId=${orgId}&year=${year}`;

// Where an org name may be cut: after the unit or level word that ends a part of the name.
const NAME_BREAKS = '市区县省局委会厅院办关室科处部';

/**
 * Row labels for a chart: sibling orgs share a long prefix ("中共青川市发展和改革委员会机关…"), so the
 * part they share is dropped, cut only where a word ends, and what tells them apart stays readable.
 */
export function shortNames(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  let prefix = names[0]!;
  for (const name of names) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i++;
    prefix = prefix.slice(0, i);
  }
  let cut = prefix.length;
  while (cut > 0 && !NAME_BREAKS.includes(prefix[cut - 1]!)) cut--;
  if (cut === 0) return [...names];
  if (names.some((n) => n.length - cut < 2)) return [...names];
  return names.map((n) => n.slice(cut));
}
