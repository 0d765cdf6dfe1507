import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as schema from '../../../server/features/orgs/orgs.schema';
import { http } from '../../app/http';
import { readQuery } from '../../app/queries';

export type Org = z.infer<typeof schema.ZOrg>;
export type OrgNode = z.infer<typeof schema.ZOrgNode>;
export type OrgDetail = z.infer<typeof schema.ZOrgDetail>;
export type OrgPost = z.infer<typeof schema.ZOrgPost>;
export type OrgCreateInput = z.input<typeof schema.ZOrgCreate>;
export type OrgUpdateInput = z.input<typeof schema.ZOrgUpdate>;
export type OrgDissolveInput = z.input<typeof schema.ZOrgDissolve>;
export type PostCreateInput = z.input<typeof schema.ZPostCreate>;

export const orgKeys = {
  all: ['orgs'] as const,
  roots: ['orgs', 'roots'] as const,
  children: (parentId: number, includeDissolved = false) =>
    ['orgs', 'children', parentId, includeDissolved ? 'with-dissolved' : 'live'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
};

export const fetchRootOrgs = () => http.get<OrgNode[]>('/orgs');
export const fetchChildOrgs = (parentId: number, includeDissolved = false) =>
  http.get<OrgNode[]>('/orgs', { parentId, includeDissolved });
export const searchOrgs = (q: string) => http.get<Org[]>('/orgs/search', { q });
export const fetchOrg = (id: number) => http.get<OrgDetail>(`/orgs/${id}`);

/** The reads, each with its key: `useQuery(orgQueries.detail(id))`. */
export const orgQueries = {
  roots: () => queryOptions({ queryKey: orgKeys.roots, queryFn: fetchRootOrgs }),
  children: readQuery(orgKeys.children, fetchChildOrgs),
  detail: readQuery(orgKeys.detail, fetchOrg),
  /** Searched once something is typed; a minute's results are reused while typing back and forth. */
  search: (q: string) =>
    queryOptions({
      queryKey: orgKeys.search(q),
      queryFn: () => searchOrgs(q),
      enabled: q.length > 0,
      staleTime: 60_000,
    }),
};

export const createOrg = (input: OrgCreateInput) => http.post<Org>('/orgs', input);
export const updateOrg = (id: number, input: OrgUpdateInput) => http.patch<Org>(`/orgs/${id}`, input);
export const moveOrg = (id: number, newParentId: number) =>
  http.post<Org>(`/orgs/${id}/move`, { newParentId });
export const dissolveOrg = (id: number, input: OrgDissolveInput) =>
  http.post<Org>(`/orgs/${id}/dissolve`, input);
export const addPost = (orgId: number, input: PostCreateInput) =>
  http.post<OrgPost>(`/orgs/${orgId}/posts`, input);
export const endPost = (postId: number, endDate: string) =>
  http.post<OrgPost>(`/org-posts/${postId}/end`, { endDate });
