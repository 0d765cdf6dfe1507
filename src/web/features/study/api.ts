import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as schema from '../../../server/features/study/study.schema';
import { downloadFile, http } from '../../app/http';
import { readQuery } from '../../app/queries';

export type SessionRow = z.infer<typeof schema.ZSessionList>['rows'][number];
export type SessionDetail = z.infer<typeof schema.ZSessionDetail>;
export type SessionCreateInput = z.input<typeof schema.ZSessionCreate>;
export type SessionUpdateInput = z.input<typeof schema.ZSessionUpdate>;
export type PlanList = z.infer<typeof schema.ZPlanList>;
export type PlanRow = PlanList['rows'][number];
export type Roster = z.infer<typeof schema.ZRoster>;
export type HoursReport = z.infer<typeof schema.ZHoursReport>;
export type Coverage = z.infer<typeof schema.ZCoverage>;
export type ReflectionRow = z.infer<typeof schema.ZReflection>;
export type MaterialRow = z.infer<typeof schema.ZMaterialList>['rows'][number];
export type Daily = z.infer<typeof schema.ZDaily>;
export type QuestionPage = z.infer<typeof schema.ZQuestionPage>;
export type ExamRow = z.infer<typeof schema.ZExamList>['rows'][number];
export type ExamResults = z.infer<typeof schema.ZExamResults>;
export type MyOverview = z.infer<typeof schema.ZMyOverview>;
export type MyExam = z.infer<typeof schema.ZMyExamList>['rows'][number];
export type Attempt = z.infer<typeof schema.ZAttempt>;
export type Leaderboard = z.infer<typeof schema.ZLeaderboard>;
export type Settings = z.infer<typeof schema.ZSettings>;
export type SettingsInput = z.input<typeof schema.ZSettingsInput>;
export type StudyLedger = z.infer<typeof schema.ZStudyLedger>;
export type ImportResult = z.infer<typeof schema.ZImportResult>;

export const studyKeys = {
  all: ['study'] as const,
  sessions: (orgId: number, year: number) => ['study', 'sessions', orgId, year] as const,
  session: (id: number) => ['study', 'session', id] as const,
  plans: (orgId: number, year: number) => ['study', 'plans', orgId, year] as const,
  hours: (orgId: number, year: number) => ['study', 'hours', orgId, year] as const,
  coverage: (orgId: number, year: number) => ['study', 'coverage', orgId, year] as const,
  reflections: (orgId: number) => ['study', 'reflections', orgId] as const,
  materials: (orgId: number) => ['study', 'materials', orgId] as const,
  daily: (orgId: number, date: string) => ['study', 'daily', orgId, date] as const,
  questions: (orgId: number) => ['study', 'questions', orgId] as const,
  exams: (orgId: number, year: number) => ['study', 'exams', orgId, year] as const,
  results: (examId: number, orgId: number) => ['study', 'results', examId, orgId] as const,
  roster: (orgId: number, date: string) => ['study', 'roster', orgId, date] as const,
  candidates: (orgId: number, year: number) => ['study', 'candidates', orgId, year] as const,
  leaderboard: (orgId: number, year: number) => ['study', 'leaderboard', orgId, year] as const,
  settings: (orgId: number) => ['study', 'settings', orgId] as const,
  ledger: (orgId: number, year: number) => ['study', 'ledger', orgId, year] as const,
  my: (year: number) => ['study', 'my', year] as const,
  myExams: ['study', 'my-exams'] as const,
  myReflections: ['study', 'my-reflections'] as const,
  attempt: (id: number) => ['study', 'attempt', id] as const,
};

export const fetchSessions = (orgId: number, year: number) =>
  http.get<{ rows: SessionRow[] }>('/study/sessions', { orgId, year });
export const fetchSession = (id: number) => http.get<SessionDetail>(`/study/sessions/${id}`);
export const createSession = (input: SessionCreateInput) =>
  http.post<SessionDetail>('/study/sessions', input);
export const updateSession = (id: number, input: SessionUpdateInput) =>
  http.patch<SessionDetail>(`/study/sessions/${id}`, input);
export const deleteSession = (id: number) => http.delete<{ ok: true }>(`/study/sessions/${id}`);
export const syncSession = (id: number) => http.post<SessionDetail>(`/study/sessions/${id}/sync`);
export const fetchRoster = (orgId: number, date: string) =>
  http.get<Roster>('/study/roster', { orgId, date });
export const fetchCandidates = (orgId: number, year: number) =>
  http.get<z.infer<typeof schema.ZMeetingCandidates>>('/study/meeting-candidates', { orgId, year });
export const fetchPlans = (orgId: number, year: number) =>
  http.get<PlanList>('/study/plans', { orgId, year });
export const createPlan = (input: z.input<typeof schema.ZPlanInput>) =>
  http.post<{ id: number }>('/study/plans', input);
export const updatePlan = (id: number, input: z.input<typeof schema.ZPlanUpdate>) =>
  http.patch<{ id: number }>(`/study/plans/${id}`, input);
export const deletePlan = (id: number) => http.delete<{ ok: true }>(`/study/plans/${id}`);
export const fetchHours = (orgId: number, year: number) =>
  http.get<HoursReport>('/study/hours', { orgId, year });
export const fetchCoverage = (orgId: number, year: number) =>
  http.get<Coverage>('/study/coverage', { orgId, year });
export const fetchReflections = (orgId: number) =>
  http.get<z.infer<typeof schema.ZReflectionList>>('/study/reflections', { orgId });
export const reviewReflection = (id: number, input: { status: 'reviewed' | 'returned'; comment: string }) =>
  http.post<ReflectionRow>(`/study/reflections/${id}/review`, input);
export const fetchMaterials = (orgId: number) =>
  http.get<{ rows: MaterialRow[] }>('/study/materials', { orgId });
export const createMaterial = (input: z.input<typeof schema.ZMaterialInput>) =>
  http.post<MaterialRow>('/study/materials', input);
export function uploadMaterial(input: { orgId: number; title: string; hours: number }, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.upload<MaterialRow>('/study/materials/file', form, input);
}
export const deleteMaterial = (id: number) => http.delete<{ ok: true }>(`/study/materials/${id}`);
export const fetchDaily = (orgId: number, date: string) => http.get<Daily>('/study/daily', { orgId, date });
export const setDaily = (input: { orgId: number; date: string; materialId: number }) =>
  http.put<Daily>('/study/daily', input);
export const fetchQuestions = (orgId: number) =>
  http.get<QuestionPage>('/study/questions', { orgId, pageSize: 200 });
export const downloadQuestionTemplate = () =>
  downloadFile('/study/questions/template', undefined, '题库导入模板.xlsx');
export function importQuestions(orgId: number, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.upload<z.infer<typeof schema.ZImportResult>>('/study/questions/import', form, { orgId });
}
export const fetchExams = (orgId: number, year: number) =>
  http.get<{ rows: ExamRow[] }>('/study/exams', { orgId, year });
export const createExam = (input: z.input<typeof schema.ZExamInput>) =>
  http.post<ExamRow>('/study/exams', input);
export const fetchResults = (examId: number, orgId: number) =>
  http.get<ExamResults>(`/study/exams/${examId}/results`, { orgId });
export const fetchLeaderboard = (orgId: number, year: number) =>
  http.get<Leaderboard>('/study/leaderboard', { orgId, year });
export const fetchSettings = (orgId: number) => http.get<Settings>('/study/settings', { orgId });
export const saveSettings = (input: SettingsInput) => http.put<Settings>('/study/settings', input);

export const fetchStudyLedger = (orgId: number, year: number) =>
  http.get<StudyLedger>('/study/ledger', { orgId, year });
export const downloadStudyLedger = (orgId: number, year: number) =>
  downloadFile('/study/ledger.xlsx', { orgId, year }, `${year}年学习教育台账.xlsx`);
export const downloadSelfStudyTemplate = () =>
  downloadFile('/study/self-study/template', undefined, '自学记录导入模板.xlsx');
export function importSelfStudy(orgId: number, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return http.upload<ImportResult>('/study/self-study/import', form, { orgId });
}

export const fetchMyOverview = (year: number) => http.get<MyOverview>('/study/my/overview', { year });
export const markRead = (materialId: number) =>
  http.post<{ readAt: string }>('/study/my/reads', { materialId });
export const addSelfStudy = (input: z.input<typeof schema.ZSelfStudyInput>) =>
  http.post<{ id: number }>('/study/my/self-study', input);
export const fetchMyReflections = () =>
  http.get<z.infer<typeof schema.ZReflectionList>>('/study/my/reflections');
export const submitReflection = (input: z.input<typeof schema.ZReflectionInput>) =>
  http.post<ReflectionRow>('/study/my/reflections', input);
export const fetchMyExams = () => http.get<{ rows: MyExam[] }>('/study/my/exams');
export const startExam = (id: number) => http.post<Attempt>(`/study/my/exams/${id}/start`);
export const fetchAttempt = (id: number) => http.get<Attempt>(`/study/my/attempts/${id}`);
export const submitAttempt = (id: number, answers: Record<string, string | string[] | boolean | null>) =>
  http.post<Attempt>(`/study/my/attempts/${id}/submit`, { answers });

/** The reads, each with its key: `useQuery(studyQueries.sessions(orgId, year))`. */
export const studyQueries = {
  sessions: readQuery(studyKeys.sessions, fetchSessions),
  session: readQuery(studyKeys.session, fetchSession),
  plans: readQuery(studyKeys.plans, fetchPlans),
  hours: readQuery(studyKeys.hours, fetchHours),
  coverage: readQuery(studyKeys.coverage, fetchCoverage),
  reflections: readQuery(studyKeys.reflections, fetchReflections),
  materials: readQuery(studyKeys.materials, fetchMaterials),
  daily: readQuery(studyKeys.daily, fetchDaily),
  questions: readQuery(studyKeys.questions, fetchQuestions),
  exams: readQuery(studyKeys.exams, fetchExams),
  results: readQuery(studyKeys.results, fetchResults),
  roster: readQuery(studyKeys.roster, fetchRoster),
  candidates: readQuery(studyKeys.candidates, fetchCandidates),
  leaderboard: readQuery(studyKeys.leaderboard, fetchLeaderboard),
  settings: readQuery(studyKeys.settings, fetchSettings),
  ledger: readQuery(studyKeys.ledger, fetchStudyLedger),
  my: readQuery(studyKeys.my, fetchMyOverview),
  myExams: () => queryOptions({ queryKey: studyKeys.myExams, queryFn: fetchMyExams }),
  myReflections: () => queryOptions({ queryKey: studyKeys.myReflections, queryFn: fetchMyReflections }),
  attempt: readQuery(studyKeys.attempt, fetchAttempt),
};
