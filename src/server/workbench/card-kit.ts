import { type Actor, type Grant, type Permission, ROLE_PERMISSIONS } from '../../domain/access';
import type { TCardData, TCardStatus } from './workbench.schema';

/**
 * The org a desk card summarises: the widest subtree where the actor holds the permission (a supervisor's
 * committee, a secretary's branch). A card shows one org; its link leads to the desk where the others are.
 */
export function deskOrgOf(actor: Actor, permission: Permission): Pick<Grant, 'orgId' | 'orgPath'> | null {
  const grants = actor.grants
    .filter((g) => ROLE_PERMISSIONS[g.role].includes(permission))
    .sort((a, b) => a.orgPath.length - b.orgPath.length || a.orgId - b.orgId);
  return grants[0] ?? null;
}

/** 'overdue' past the limit, 'due' above zero, else 'ok': how a count of open things reads. */
export function countStatus(count: number, overdueFrom = Number.POSITIVE_INFINITY): TCardStatus {
  if (count >= overdueFrom) return 'overdue';
  return count > 0 ? 'due' : 'ok';
}

/** A share in per cent with one decimal, or '—' when there is nothing to divide. */
export function percentOf(part: number, whole: number): { value: number | string; unit?: string } {
  return whole === 0 ? { value: '—' } : { value: Math.round((part * 1000) / whole) / 10, unit: '%' };
}

/** Every org a card names or links to (`org=` and `orgId=` in its links): what scope tests hold to the actor's. */
export function orgIdsOnCard(data: TCardData): number[] {
  const links = [data.link.to, ...data.items.map((i) => i.link)];
  const linked = links.flatMap((l) => [...l.matchAll(/[?&](?:org|orgId)=(\d+)/g)].map((m) => Number(m[1])));
  return [...(data.org ? [data.org.id] : []), ...linked];
}
