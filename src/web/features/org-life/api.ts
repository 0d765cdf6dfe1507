import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as schema from '../../../server/features/org-life/meetings.schema';
import { downloadFile, http } from '../../app/http';
import { readQuery } from '../../app/queries';

export type MeetingRow = z.infer<typeof schema.ZMeetingRow>;
export type MeetingPage = z.infer<typeof schema.ZMeetingPage>;
export type MeetingDetail = z.infer<typeof schema.ZMeetingDetail>;
export type Attendee = MeetingDetail['attendees'][number];
export type Attachment = z.infer<typeof schema.ZAttachment>;
export type MeetingCreateInput = z.input<typeof schema.ZMeetingCreate>;
export type MeetingUpdateInput = z.input<typeof schema.ZMeetingUpdate>;
export type AmendmentInput = z.input<typeof schema.ZAmendmentCreate>;
export type MeetingListQuery = Partial<z.infer<typeof schema.ZMeetingListQuery>>;
export type Calendar = z.infer<typeof schema.ZCalendar>;
export type Expected = z.infer<typeof schema.ZExpected>;
export type Compliance = z.infer<typeof schema.ZCompliance>;
export type Ledger = z.infer<typeof schema.ZLedger>;
export type MyMeeting = z.infer<typeof schema.ZMyMeeting>;
export type MyMeetingPage = z.infer<typeof schema.ZMyMeetingPage>;
export type MyAttendance = z.infer<typeof schema.ZMyAttendance>;
export type SignIn = z.infer<typeof schema.ZSignIn>;

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
  list: readQuery(meetingKeys.list, fetchMeetings),
  calendar: readQuery(meetingKeys.calendar, fetchCalendar),
  detail: readQuery(meetingKeys.detail, fetchMeeting),
  /** Who must attend a sitting of these types on that date (the key joins the types with commas). */
  expected: (orgId: number, date: string, types: readonly string[]) =>
    queryOptions({
      queryKey: meetingKeys.expected(orgId, date, types.join(',')),
      queryFn: () => fetchExpected(orgId, date, types),
    }),
  compliance: readQuery(meetingKeys.compliance, fetchCompliance),
  ledger: readQuery(meetingKeys.ledger, fetchLedger),
  mine: (when: 'upcoming' | 'past', page: number) =>
    queryOptions({ queryKey: meetingKeys.mine(when, page), queryFn: () => fetchMyMeetings(when, page) }),
  myAttendance: readQuery(meetingKeys.myAttendance, fetchMyAttendance),
};

export type Dashboard = z.infer<typeof schema.ZDashboard>;
export type HeatRow = z.infer<typeof schema.ZHeatRow>;
export type Tally = z.infer<typeof schema.ZTally>;
export type BranchHeat = z.infer<typeof schema.ZBranchHeat>;
export type BranchHeatRow = BranchHeat['rows'][number];
export type TrendMonth = Dashboard['trend'][number];
export type Rulebook = z.infer<typeof schema.ZRulebook>;
export type RuleOverride = z.infer<typeof schema.ZOverride>;
export type EffectiveRule = Rulebook['effective'][number];
export type NationalRule = Rulebook['national'][number];
export type OverrideInput = z.input<typeof schema.ZOverrideCreate>;
export type OrgLifeSettings = z.infer<typeof schema.ZSettings>;
export type SettingsInput = z.input<typeof schema.ZSettingsUpdate>;

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
  dashboard: readQuery(orgLifeKeys.dashboard, fetchDashboard),
  branches: readQuery(orgLifeKeys.branches, fetchBranches),
  rulebook: readQuery(orgLifeKeys.rulebook, fetchRulebook),
  settings: readQuery(orgLifeKeys.settings, fetchSettings),
};
