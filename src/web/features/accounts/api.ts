import type { z } from 'zod';
import type { ZAccountRow, ZGrantCreate, ZInitialPassword } from '../../../server/features/auth/auth.schema';
import { http } from '../../app/http';
import { readQuery } from '../../app/queries';

export type AccountRow = z.infer<typeof ZAccountRow>;
export type Grant = AccountRow['grants'][number];
export type InitialPassword = z.infer<typeof ZInitialPassword>;
export type GrantInput = z.input<typeof ZGrantCreate>;

export const accountKeys = {
  all: ['accounts'] as const,
  list: (q: string, page: number, pageSize: number) => ['accounts', 'list', q, page, pageSize] as const,
};

export const fetchAccounts = (q: string, page: number, pageSize: number) =>
  http.get<{ rows: AccountRow[]; total: number }>('/accounts', { q, page, pageSize });

/** The reads, each with its key. */
export const accountQueries = {
  list: readQuery(accountKeys.list, fetchAccounts),
};

export const enableLogin = (memberId: number, loginName?: string) =>
  http.post<InitialPassword>('/accounts', { memberId, loginName: loginName || undefined });
export const resetPassword = (accountId: number) =>
  http.post<InitialPassword>(`/accounts/${accountId}/reset-password`);
export const setAccountDisabled = (accountId: number, disabled: boolean) =>
  http.post<{ ok: true }>(`/accounts/${accountId}/disabled`, { disabled });
export const grantRole = (accountId: number, input: GrantInput) =>
  http.post<{ id: number }>(`/accounts/${accountId}/grants`, input);
export const endGrant = (grantId: number) => http.post<{ ok: true }>(`/grants/${grantId}/end`);
