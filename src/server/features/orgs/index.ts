import type { Executor } from '../../db/database';
import { defineModule } from '../../module';
import { orgsRepository } from './orgs.repository';
import { orgsRoutes } from './orgs.routes';
import { OrgsService } from './orgs.service';
import * as tables from './orgs.table';

/** The org tree and its committee posts. */
export const orgsModule = defineModule({
  name: 'orgs',
  tables,
  permissions: ['org.read', 'org.edit', 'org.structure'],
  services: (deps, _earlier, platform) => ({ orgs: new OrgsService(deps, platform.orgChanges) }),
  routes: (api, { orgs }) => orgsRoutes(api, orgs),
});

// The public face: what other features may know and do about the org tree.
export type { Org, OrgPost } from './orgs.repository';

/** The org with this id, dissolved ones included. */
export const findOrg = (db: Executor, id: number) => orgsRepository.findById(db, id);

/** The orgs with these ids, in no particular order. */
export const findOrgs = (db: Executor, ids: number[]) => orgsRepository.findByIds(db, ids);

/** The direct children of an org, by name. */
export const childOrgsOf = (db: Executor, parentId: number, includeDissolved: boolean) =>
  orgsRepository.children(db, parentId, includeDissolved);

/** How many direct children each of these orgs has. */
export const childOrgCounts = (db: Executor, ids: number[], includeDissolved = false) =>
  orgsRepository.childCounts(db, ids, includeDissolved);

/** The committee posts of an org, past and present. */
export const postsOf = (db: Executor, orgId: number) => orgsRepository.posts(db, orgId);

/** A member left a subtree: their open posts in it end; returns the orgs whose committee changed. */
export const endPostsOfMember = (db: Executor, memberId: number, pathPrefix: string, endDate: string) =>
  orgsRepository.endPostsOfMember(db, memberId, pathPrefix, endDate);
