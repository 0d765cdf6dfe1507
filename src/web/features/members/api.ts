import type { z } from 'zod';
import type * as schema from '../../../server/features/members/members.schema';
import { downloadFile, http } from '../../app/http';
import { readQuery } from '../../app/queries';

export type MemberRow = z.infer<typeof schema.ZMemberRow>;
export type MemberPage = z.infer<typeof schema.ZMemberPage>;
export type MemberDetail = z.infer<typeof schema.ZMemberDetail>;
export type MemberEvent = MemberDetail['events'][number];
export type MemberCreateInput = z.input<typeof schema.ZMemberCreate>;
export type MemberUpdateInput = z.input<typeof schema.ZMemberUpdate>;
export type MemberEventInput = z.input<typeof schema.ZMemberEventCreate>;
export type MemberListQuery = Partial<z.infer<typeof schema.ZMemberListQuery>>;
/** The roster filters without paging, as the export takes them. */
export type MemberFilter = Omit<MemberListQuery, 'page' | 'pageSize'>;

export interface ImportResult {
  imported: number;
  rows: number;
  dryRun: boolean;
}

export const memberKeys = {
  all: ['members'] as const,
  list: (query: MemberListQuery) => ['members', 'list', query] as const,
  detail: (id: number) => ['members', 'detail', id] as const,
};

export const fetchMembers = (query: MemberListQuery) => http.get<MemberPage>('/members', query);
export const fetchMember = (id: number) => http.get<MemberDetail>(`/members/${id}`);

/** The reads, each with its key: `useQuery(memberQueries.detail(id))`. */
export const memberQueries = {
  list: readQuery(memberKeys.list, fetchMembers),
  detail: readQuery(memberKeys.detail, fetchMember),
};

export const createMember = (input: MemberCreateInput) => http.post<MemberDetail>('/members', input);
export const updateMember = (id: number, input: MemberUpdateInput) =>
  http.patch<MemberDetail>(`/members/${id}`, input);
export const addMemberEvent = (id: number, input: MemberEventInput) =>
  http.post<MemberDetail>(`/members/${id}/events`, input);
export const revealIdCard = (id: number) => http.post<{ idCard: string }>(`/members/${id}/id-card`);

export const downloadRosterTemplate = () =>
  downloadFile('/roster/template', undefined, '花名册导入模板.xlsx');
export const exportRoster = (filter: MemberFilter) => downloadFile('/roster/export', filter, '花名册.xlsx');

export function importRoster(orgId: number, file: File, dryRun: boolean): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file);
  return http.upload<ImportResult>('/roster/import', form, { orgId, dryRun });
}
