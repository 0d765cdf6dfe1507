import type { Executor } from '../db/database';
import { findMember, type Member } from '../features/members';
import { findOrg, type Org } from '../features/orgs';
import { notFound } from '../http/errors';
import type { Scope } from './scope';

/**
 * "Load the org (or member) if the actor covers it": what every request naming an org or member by id does
 * first. Something outside the scope is reported as not found, exactly like something that does not exist.
 */
export async function coveredOrg(db: Executor, scope: Scope, orgId: number): Promise<Org> {
  const org = await findOrg(db, orgId);
  if (!org) throw notFound('组织');
  scope.assertCovers(org.path, '组织');
  return org;
}

export async function coveredMember(db: Executor, scope: Scope, memberId: number): Promise<Member> {
  const member = await findMember(db, memberId);
  if (!member) throw notFound('党员');
  scope.assertCovers(member.orgPath, '党员');
  return member;
}
