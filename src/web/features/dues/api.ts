import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as schema from '../../../server/features/dues/dues.schema';
import { downloadFile, http } from '../../app/http';
import { readQuery } from '../../app/queries';

export type Ledger = z.infer<typeof schema.ZLedger>;
export type LedgerRow = z.infer<typeof schema.ZLedgerRow>;
export type GenerateResult = z.infer<typeof schema.ZGenerateResult>;
export type PaymentInput = z.input<typeof schema.ZPaymentInput>;
export type Payment = z.infer<typeof schema.ZPaymentView>;
/** A payment as a month's records list it, with whether it can still be withdrawn. */
export type PaymentRecord = z.infer<typeof schema.ZPaymentList>['rows'][number];
export type AdjustmentInput = z.input<typeof schema.ZAdjustmentInput>;
export type Adjustment = z.infer<typeof schema.ZAdjustmentView>;
export type BasisInput = z.input<typeof schema.ZBasisInput>;
export type BasesPage = z.infer<typeof schema.ZBasesPage>;
export type Arrears = z.infer<typeof schema.ZArrears>;
export type Annual = z.infer<typeof schema.ZAnnual>;
export type Dashboard = z.infer<typeof schema.ZDashboard>;
export type Remittance = z.infer<typeof schema.ZRemittance>;
export type MyDues = z.infer<typeof schema.ZMyDues>;
export type DuesSettingsView = z.infer<typeof schema.ZSettingsView>;
export type ImportResult = z.infer<typeof schema.ZImportResult>;

export const duesKeys = {
  all: ['dues'] as const,
  ledger: (orgId: number, month: string) => ['dues', 'ledger', orgId, month] as const,
  payments: (orgId: number, month: string) => ['dues', 'payments', orgId, month] as const,
  adjustments: (orgId: number, month: string) => ['dues', 'adjustments', orgId, month] as const,
  bases: (orgId: number, month: string) => ['dues', 'bases', orgId, month] as const,
  arrears: (orgId: number) => ['dues', 'arrears', orgId] as const,
  annual: (orgId: number, year: number) => ['dues', 'annual', orgId, year] as const,
  dashboard: (orgId: number, year: number, month?: string) =>
    ['dues', 'dashboard', orgId, year, month] as const,
  remittance: (orgId: number, year: number) => ['dues', 'remittance', orgId, year] as const,
  settings: (orgId: number) => ['dues', 'settings', orgId] as const,
  mine: ['dues', 'mine'] as const,
};

export const fetchLedger = (orgId: number, month: string) =>
  http.get<Ledger>('/dues/ledger', { orgId, month });
export const generateMonth = (orgId: number, month: string) =>
  http.post<GenerateResult>('/dues/months', { orgId, month });
export const closeMonth = (orgId: number, month: string) =>
  http.post<z.infer<typeof schema.ZCloseResult>>('/dues/close', { orgId, month });
export const fetchPayments = (orgId: number, month: string) =>
  http.get<z.infer<typeof schema.ZPaymentList>>('/dues/payments', { orgId, month });
export const recordPayment = (input: PaymentInput) => http.post<Payment>('/dues/payments', input);
export const revokePayment = (id: number, reason: string) =>
  http.post<{ ok: true }>(`/dues/payments/${id}/revoke`, { reason });
export const fetchAdjustments = (orgId: number, month: string) =>
  http.get<z.infer<typeof schema.ZAdjustmentList>>('/dues/adjustments', { orgId, month });
export const adjustRow = (input: AdjustmentInput) => http.post<LedgerRow>('/dues/adjustments', input);
export const fetchBases = (orgId: number, month: string) =>
  http.get<BasesPage>('/dues/bases', { orgId, month });
export const setBasis = (input: BasisInput) =>
  http.post<z.infer<typeof schema.ZBasisResult>>('/dues/bases', input);
export const fetchArrears = (orgId: number) => http.get<Arrears>('/dues/arrears', { orgId });
export const fetchAnnual = (orgId: number, year: number) => http.get<Annual>('/dues/annual', { orgId, year });
export const fetchDashboard = (orgId: number, year: number, month?: string) =>
  http.get<Dashboard>('/dues/dashboard', { orgId, year, month });
export const fetchRemittance = (orgId: number, year: number) =>
  http.get<Remittance>('/dues/remittance', { orgId, year });
export const fetchSettings = (orgId: number) => http.get<DuesSettingsView>('/dues/settings', { orgId });
export const saveSettings = (input: z.input<typeof schema.ZSettingsInput>) =>
  http.put<DuesSettingsView>('/dues/settings', input);
export const fetchMyDues = () => http.get<MyDues>('/dues/me');

/** The reads, each with its key: `useQuery(duesQueries.ledger(orgId, month))`. */
export const duesQueries = {
  ledger: readQuery(duesKeys.ledger, fetchLedger),
  payments: readQuery(duesKeys.payments, fetchPayments),
  adjustments: readQuery(duesKeys.adjustments, fetchAdjustments),
  bases: readQuery(duesKeys.bases, fetchBases),
  arrears: readQuery(duesKeys.arrears, fetchArrears),
  annual: readQuery(duesKeys.annual, fetchAnnual),
  dashboard: readQuery(duesKeys.dashboard, fetchDashboard),
  remittance: readQuery(duesKeys.remittance, fetchRemittance),
  settings: readQuery(duesKeys.settings, fetchSettings),
  mine: () => queryOptions({ queryKey: duesKeys.mine, queryFn: fetchMyDues }),
};

export const downloadSheet = (orgId: number, year: number, month?: string) =>
  downloadFile('/dues/sheet', { orgId, year, month }, '党费收缴表.xlsx');
export const downloadBasesTemplate = (orgId: number, month: string) =>
  downloadFile('/dues/bases/template', { orgId, month }, '党费基数导入模板.xlsx');
export function importBases(orgId: number, file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file);
  return http.upload<ImportResult>('/dues/bases/import', form, { orgId, dryRun });
}
