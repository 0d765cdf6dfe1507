import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { PaperItem, PointAction, PointRule, QuestionKey, QuestionOption } from '../../../domain/study';
import { orgColumns } from '../../db/columns';
import { meetings } from '../org-life/meetings.table';
import { orgs } from '../orgs/orgs.table';

/** A study plan of an org for a year, or for one quarter of it: topics, materials and schedule. */
export const studyPlans = pgTable(
  'study_plans',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ...orgColumns(),
    year: integer('year').notNull(),
    /** 1–4, or null for the whole year. */
    quarter: integer('quarter'),
    title: text('title').notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    content: text('content').notNull().default(''),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('study_plans_path_year_idx').on(t.orgPath.op('text_pattern_ops'), t.year)],
);

/**
 * A study sitting (集中学习, 专题研讨, 微党课…). When it is also a meeting record (a 主题党日 with collective
 * study), `meeting_id` links the two: the sitting is entered once, its attendance is the meeting's.
 */
export const studySessions = pgTable(
  'study_sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ...orgColumns(),
    planId: integer('plan_id').references(() => studyPlans.id, { onDelete: 'set null' }),
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull(),
    date: date('date').notNull(),
    place: text('place').notNull().default(''),
    lecturerName: text('lecturer_name'),
    lecturerMemberId: integer('lecturer_member_id'),
    content: text('content').notNull().default(''),
    /** 学时 credited to each member present, in tenths. */
    tenths: integer('tenths').notNull(),
    /** When attendance was last taken over from the linked meeting. */
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('study_sessions_path_date_idx').on(t.orgPath.op('text_pattern_ops'), t.date),
    uniqueIndex('study_sessions_meeting_uq').on(t.meetingId),
  ],
);

/** Attendance of a session that is not a meeting record (a linked session reads the meeting's). */
export const studySessionAttendees = pgTable(
  'study_session_attendees',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => studySessions.id, { onDelete: 'cascade' }),
    tenantId: integer('tenant_id').notNull(),
    orgPath: text('org_path').notNull(),
    memberId: integer('member_id').notNull(),
    memberName: text('member_name').notNull(),
    present: boolean('present').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.memberId] }),
    index('study_session_attendees_member_idx').on(t.memberId),
  ],
);

/** A member's own study: what, how long, where from (an online platform's export included). */
export const studySelfLogs = pgTable(
  'study_self_logs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    orgPath: text('org_path').notNull(),
    memberId: integer('member_id').notNull(),
    date: date('date').notNull(),
    title: text('title').notNull(),
    materialId: integer('material_id'),
    source: text('source').notNull(),
    tenths: integer('tenths').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('study_self_logs_member_idx').on(t.memberId, t.date),
    index('study_self_logs_path_idx').on(t.orgPath.op('text_pattern_ops'), t.date),
  ],
);

/**
 * The study ledger: one credit per member and sitting. The unique (member, sitting) key is the rule "a sitting
 * counts once": a session linked to a meeting credits `meeting:<id>`, whatever else points at that meeting.
 */
export const studyHours = pgTable(
  'study_hours',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    memberId: integer('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    date: date('date').notNull(),
    sittingKey: text('sitting_key').notNull(),
    source: text('source').notNull(),
    sourceId: integer('source_id').notNull(),
    tenths: integer('tenths').notNull(),
  },
  (t) => [
    uniqueIndex('study_hours_member_sitting_uq').on(t.memberId, t.sittingKey),
    index('study_hours_member_year_idx').on(t.memberId, t.year),
    index('study_hours_source_idx').on(t.source, t.sourceId),
  ],
);

/** 心得体会, reviewed by the branch with a comment. */
export const studyReflections = pgTable(
  'study_reflections',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    orgPath: text('org_path').notNull(),
    memberId: integer('member_id').notNull(),
    memberName: text('member_name').notNull(),
    sessionId: integer('session_id').references(() => studySessions.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').notNull().default('submitted'),
    reviewComment: text('review_comment'),
    reviewerName: text('reviewer_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    index('study_reflections_path_idx').on(t.orgPath.op('text_pattern_ops'), t.submittedAt),
    index('study_reflections_member_idx').on(t.memberId),
  ],
);

/**
 * The materials library of an org: texts, links and files (PDF, Office, images) its subtree studies. A file is
 * kept once per content hash in the attachment store, as meeting attachments are.
 */
export const studyMaterials = pgTable(
  'study_materials',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ...orgColumns(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    body: text('body').notNull().default(''),
    url: text('url'),
    fileSha256: text('file_sha256'),
    fileName: text('file_name'),
    fileMime: text('file_mime'),
    fileSize: integer('file_size'),
    tenths: integer('tenths').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('study_materials_path_idx').on(t.orgPath.op('text_pattern_ops'), t.createdAt)],
);

/** "今日学习" (指尖课堂): one material per org and day. */
export const studyDailyItems = pgTable(
  'study_daily_items',
  {
    ...orgColumns(),
    date: date('date').notNull(),
    materialId: integer('material_id')
      .notNull()
      .references(() => studyMaterials.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.date] })],
);

/** Who has read a material, and when: the secretary sees who has not. */
export const studyMaterialReads = pgTable(
  'study_material_reads',
  {
    materialId: integer('material_id')
      .notNull()
      .references(() => studyMaterials.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').notNull(),
    tenantId: integer('tenant_id').notNull(),
    orgPath: text('org_path').notNull(),
    readOn: date('read_on').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.materialId, t.memberId] }),
    index('study_material_reads_member_idx').on(t.memberId, t.readOn),
  ],
);

/** The question bank of an org. The answer key never leaves the server while an exam is running. */
export const studyQuestions = pgTable(
  'study_questions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ...orgColumns(),
    type: text('type').notNull(),
    stem: text('stem').notNull(),
    options: jsonb('options').$type<QuestionOption[]>().notNull().default([]),
    answerKey: jsonb('answer_key').$type<QuestionKey>().notNull(),
    score: integer('score').notNull(),
    analysis: text('analysis'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('study_questions_path_idx').on(t.orgPath.op('text_pattern_ops'), t.id)],
);

/** An exam for an org's subtree: window, duration, attempts, shuffling, partial-credit rule, questions. */
export const studyExams = pgTable(
  'study_exams',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ...orgColumns(),
    title: text('title').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    maxAttempts: integer('max_attempts').notNull().default(1),
    passScore: integer('pass_score').notNull(),
    totalScore: integer('total_score').notNull(),
    shuffleQuestions: boolean('shuffle_questions').notNull().default(true),
    shuffleOptions: boolean('shuffle_options').notNull().default(true),
    partialRule: text('partial_rule').notNull().default('none'),
    questionIds: integer('question_ids').array().notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('study_exams_path_idx').on(t.orgPath.op('text_pattern_ops'), t.opensAt)],
);

/** One attempt: the paper as shown (order fixed at start), the answers, the server's grading. */
export const studyExamAttempts = pgTable(
  'study_exam_attempts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    examId: integer('exam_id')
      .notNull()
      .references(() => studyExams.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').notNull(),
    memberName: text('member_name').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    attemptNo: integer('attempt_no').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    paper: jsonb('paper').$type<PaperItem[]>().notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    results: jsonb('results').$type<{ questionId: number; score: number; correct: boolean }[]>(),
    score: integer('score'),
    passed: boolean('passed'),
  },
  (t) => [
    uniqueIndex('study_exam_attempts_uq').on(t.examId, t.memberId, t.attemptNo),
    index('study_exam_attempts_member_idx').on(t.memberId),
    index('study_exam_attempts_exam_path_idx').on(t.examId, t.orgPath.op('text_pattern_ops')),
  ],
);

/**
 * Per org: whether informational points are shown in its subtree, and its own point rules. Each is inherited
 * on its own (null: not set here): the nearest org up the tree that set it wins.
 */
export const studySettings = pgTable('study_settings', {
  orgId: integer('org_id')
    .primaryKey()
    .references(() => orgs.id),
  tenantId: integer('tenant_id').notNull(),
  orgPath: text('org_path').notNull(),
  pointsEnabled: boolean('points_enabled'),
  pointRules: jsonb('point_rules').$type<Partial<Record<PointAction, PointRule>>>(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each member's year: the norm that applies (32 or 56 学时, in tenths) and the hours credited so far, kept in
 * the transaction of every credit. The daily job adds the year's row for every active member.
 */
export const studyMemberYears = pgTable(
  'study_member_years',
  {
    tenantId: integer('tenant_id').notNull(),
    memberId: integer('member_id').notNull(),
    year: integer('year').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    normTenths: integer('norm_tenths').notNull(),
    tenths: integer('tenths').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.year] }),
    index('study_member_years_path_idx').on(t.orgPath.op('text_pattern_ops'), t.year),
  ],
);

/**
 * Supervisor rollups per org and year, written in the transaction of every change that moves them: the org's
 * own members (`own_*`) and the totals of its whole subtree including itself (`sub_*`), so a coverage view
 * reads one row per org it shows, whatever lies below. Exams count each member's best attempt per exam.
 */
export const studyRollups = pgTable(
  'study_rollups',
  {
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    ownMembers: integer('own_members').notNull().default(0),
    ownReached: integer('own_reached').notNull().default(0),
    ownTenths: integer('own_tenths').notNull().default(0),
    subMembers: integer('sub_members').notNull().default(0),
    subReached: integer('sub_reached').notNull().default(0),
    subTenths: integer('sub_tenths').notNull().default(0),
    subExamTakers: integer('sub_exam_takers').notNull().default(0),
    subExamPassed: integer('sub_exam_passed').notNull().default(0),
    subExamScore: integer('sub_exam_score').notNull().default(0),
    subExamTotal: integer('sub_exam_total').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.orgId, t.year] }),
    index('study_rollups_path_idx').on(t.orgPath.op('text_pattern_ops'), t.year),
  ],
);
