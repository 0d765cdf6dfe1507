import type { z } from 'zod';
import type {
  ZBranchHeat,
  ZDashboard,
  ZHeatRow,
  ZOverride,
  ZOverrideCreate,
  ZRulebook,
  ZSettings,
  ZSettingsUpdate,
  ZTally,
} from '../../../server/features/meetings/meetings.schema';
import { http } from '../../app/http';

export type Dashboard = z.infer<typeof ZDashboard>;
export type HeatRow = z.infer<typeof ZHeatRow>;
export type Tally = z.infer<typeof ZTally>;
export type BranchHeat = z.infer<typeof ZBranchHeat>;
export type BranchHeatRow = BranchHeat['rows'][number];
export type TrendMonth = Dashboard['trend'][number];
export type Rulebook = z.infer<typeof ZRulebook>;
export type RuleOverride = z.infer<typeof ZOverride>;
export type EffectiveRule = Rulebook['effective'][number];
export type NationalRule = Rulebook['national'][number];
export type OverrideInput = z.input<typeof ZOverrideCreate>;
export type OrgLifeSettings = z.infer<typeof ZSettings>;
export type SettingsInput = z.input<typeof ZSettingsUpdate>;

export interface BranchQuery {
  orgId: number;
  period: string;
  status?: string | undefined;
  page: number;
  pageSize: number;
}

export const orgLifeKeys = {
  all: ['org-life'] as const,
  dashboard: (orgId: number, period: string) => ['org-life', 'dashboard', orgId, period] as const,
  branches: (query: BranchQuery) => ['org-life', 'branches', query] as const,
  rulebook: (orgId: number) => ['org-life', 'rulebook', orgId] as const,
  settings: (orgId: number) => ['org-life', 'settings', orgId] as const,
};

export const fetchDashboard = (orgId: number, period: string) =>
  http.get<Dashboard>('/org-life/dashboard', { orgId, period });
export const fetchBranches = (query: BranchQuery) =>
  http.get<BranchHeat>('/org-life/dashboard/branches', { ...query });

export const fetchRulebook = (orgId: number) => http.get<Rulebook>('/org-life/rulebook', { orgId });
export const tightenRule = (input: OverrideInput) =>
  http.post<Rulebook>('/org-life/rulebook/overrides', input);
export const retireOverride = (id: number, validTo: string) =>
  http.post<Rulebook>(`/org-life/rulebook/overrides/${id}/retire`, { validTo });

export const fetchSettings = (orgId: number) => http.get<OrgLifeSettings>('/org-life/settings', { orgId });
export const updateSettings = (input: SettingsInput) =>
  http.put<OrgLifeSettings>('/org-life/settings', input);
