import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ZAmendmentCreate,
  ZAttachment,
  ZBranchHeat,
  ZCalendar,
  ZCompliance,
  ZDashboard,
  ZExpected,
  ZHeatRow,
  ZLedger,
  ZMeetingCreate,
  ZMeetingDetail,
  ZMeetingListQuery,
  ZMeetingPage,
  ZMeetingRow,
  ZMeetingUpdate,
  ZMyAttendance,
  ZMyMeeting,
  ZMyMeetingPage,
  ZOverride,
  ZOverrideCreate,
  ZRulebook,
  ZSettings,
  ZSettingsUpdate,
  ZSignIn,
  ZTally,
} from '../../../server/features/org-life/meetings.schema';
import { downloadFile, http } from '../../app/http';

export type MeetingRow = z.infer<typeof ZMeetingRow>;
export type MeetingPage = z.infer<typeof ZMeetingPage>;
export type MeetingDetail = z.infer<typeof ZMeetingDetail>;
export type Attendee = MeetingDetail['attendees'][number];
export type Attachment = z.infer<typeof ZAttachment>;
export type MeetingCreateInput = z.input<typeof ZMeetingCreate>;
export type MeetingUpdateInput = z.input<typeof ZMeetingUpdate>;
export type AmendmentInput = z.input<typeof ZAmendmentCreate>;
export type MeetingListQuery = Partial<z.infer<typeof ZMeetingListQuery>>;
export type Calendar = z.infer<typeof ZCalendar>;
export type Expected = z.infer<typeof ZExpected>;
export type Compliance = z.infer<typeof ZCompliance>;
export type Ledger = z.infer<typeof ZLedger>;
export type MyMeeting = z.infer<typeof ZMyMeeting>;
export type MyMeetingPage = z.infer<typeof ZMyMeetingPage>;
export type MyAttendance = z.infer<typeof ZMyAttendance>;
export type SignIn = z.infer<typeof ZSignIn>;

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (query: MeetingListQuery) => ['meetings', 'list', query] as const,
  calendar: (orgId: number, from: string, to: string) => ['meetings', 'calendar', orgId, from, to] as const,
  detail: (id: number) => ['meetings', 'detail', id] as const,
  expected: (orgId: number, date: string, types: string) =>
    ['meetings', 'expected', orgId, date, types] as const,
  compliance: (orgId: number, year: number) => ['meetings', 'compliance', orgId, year] as const,
  ledger: (orgId: number, year: number) => ['meetings', 'ledger', orgId, year] as const,
  mine: (when: 'upcoming' | 'past', page: number) => ['meetings', 'mine', when, page] as const,
  myAttendance: (year: number) => ['meetings', 'my-attendance', year] as const,
};

export const fetchMeetings = (query: MeetingListQuery) => http.get<MeetingPage>('/meetings', query);
export const fetchCalendar = (orgId: number, from: string, to: string) =>
  http.get<Calendar>('/meetings/calendar', { orgId, from, to });
export const fetchExpected = (orgId: number, date: string, types: readonly string[]) =>
  http.get<Expected>('/meetings/expected', { orgId, date, types: types.join(',') });
export const fetchMeeting = (id: number) => http.get<MeetingDetail>(`/meetings/${id}`);
export const createMeeting = (input: MeetingCreateInput) => http.post<MeetingDetail>('/meetings', input);
export const updateMeeting = (id: number, input: MeetingUpdateInput) =>
  http.patch<MeetingDetail>(`/meetings/${id}`, input);
export const deleteMeeting = (id: number) => http.delete<{ ok: true }>(`/meetings/${id}`);
export const amendMeeting = (id: number, input: AmendmentInput) =>
  http.post<MeetingDetail>(`/meetings/${id}/amendments`, input);

export function uploadAttachment(id: number, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.upload<Attachment>(`/meetings/${id}/attachments`, form);
}
export const deleteAttachment = (id: number) => http.delete<{ ok: true }>(`/meeting-attachments/${id}`);
export const downloadAttachment = (a: Attachment) =>
  downloadFile(`/meeting-attachments/${a.id}/download`, undefined, a.fileName);
export const downloadMinutes = (m: Pick<MeetingRow, 'id' | 'date' | 'title'>) =>
  downloadFile(`/meetings/${m.id}/minutes.docx`, undefined, `${m.date} ${m.title}会议记录.docx`);

export const fetchCompliance = (orgId: number, year: number) =>
  http.get<Compliance>('/org-life/compliance', { orgId, year });
export const fetchLedger = (orgId: number, year: number) =>
  http.get<Ledger>('/org-life/ledger', { orgId, year });
export const downloadLedger = (orgId: number, year: number) =>
  downloadFile('/org-life/ledger.xlsx', { orgId, year }, `${year}年组织生活台账.xlsx`);

export const fetchMyMeetings = (when: 'upcoming' | 'past', page: number, pageSize = 20) =>
  http.get<MyMeetingPage>('/my/meetings', { when, page, pageSize });
export const fetchMyAttendance = (year: number) => http.get<MyAttendance>('/my/attendance', { year });
export const signIn = (id: number) => http.post<SignIn>(`/my/meetings/${id}/sign-in`);

/** The meeting reads, each with its key: `useQuery(meetingQueries.detail(id))`. */
export const meetingQueries = {
  list: (query: MeetingListQuery) =>
    queryOptions({ queryKey: meetingKeys.list(query), queryFn: () => fetchMeetings(query) }),
  calendar: (orgId: number, from: string, to: string) =>
    queryOptions({
      queryKey: meetingKeys.calendar(orgId, from, to),
      queryFn: () => fetchCalendar(orgId, from, to),
    }),
  detail: (id: number) => queryOptions({ queryKey: meetingKeys.detail(id), queryFn: () => fetchMeeting(id) }),
  /** Who must attend a sitting of these types on that date (the key joins the types with commas). */
  expected: (orgId: number, date: string, types: readonly string[]) =>
    queryOptions({
      queryKey: meetingKeys.expected(orgId, date, types.join(',')),
      queryFn: () => fetchExpected(orgId, date, types),
    }),
  compliance: (orgId: number, year: number) =>
    queryOptions({
      queryKey: meetingKeys.compliance(orgId, year),
      queryFn: () => fetchCompliance(orgId, year),
    }),
  ledger: (orgId: number, year: number) =>
    queryOptions({ queryKey: meetingKeys.ledger(orgId, year), queryFn: () => fetchLedger(orgId, year) }),
  mine: (when: 'upcoming' | 'past', page: number) =>
    queryOptions({ queryKey: meetingKeys.mine(when, page), queryFn: () => fetchMyMeetings(when, page) }),
  myAttendance: (year: number) =>
    queryOptions({ queryKey: meetingKeys.myAttendance(year), queryFn: () => fetchMyAttendance(year) }),
};

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

/** The org-life reads, each with its key: `useQuery(orgLifeQueries.rulebook(orgId))`. */
export const orgLifeQueries = {
  dashboard: (orgId: number, period: string) =>
    queryOptions({
      queryKey: orgLifeKeys.dashboard(orgId, period),
      queryFn: () => fetchDashboard(orgId, period),
    }),
  branches: (query: BranchQuery) =>
    queryOptions({ queryKey: orgLifeKeys.branches(query), queryFn: () => fetchBranches(query) }),
  rulebook: (orgId: number) =>
    queryOptions({ queryKey: orgLifeKeys.rulebook(orgId), queryFn: () => fetchRulebook(orgId) }),
  settings: (orgId: number) =>
    queryOptions({ queryKey: orgLifeKeys.settings(orgId), queryFn: () => fetchSettings(orgId) }),
};
