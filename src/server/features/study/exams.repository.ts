import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { pathIds } from '../../../domain/org-rules';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree, onPathOrInSubtree } from '../../scope';
import { orgs } from '../orgs/orgs.table';
import { studyExamAttempts, studyExams, studyQuestions } from './study.table';

export type Question = typeof studyQuestions.$inferSelect;
export type Exam = typeof studyExams.$inferSelect;
export type Attempt = typeof studyExamAttempts.$inferSelect;

/** Exams with the name of their org and how many members took and passed each, newest first. */
function examRows(db: Executor, where: SQL) {
  return db
    .select({
      exam: studyExams,
      orgName: orgs.name,
      takers:
        sql<number>`(select count(distinct a.member_id) from study_exam_attempts a where a.exam_id = ${studyExams.id} and a.submitted_at is not null)`.mapWith(
          Number,
        ),
      passed:
        sql<number>`(select count(distinct a.member_id) from study_exam_attempts a where a.exam_id = ${studyExams.id} and a.passed)`.mapWith(
          Number,
        ),
    })
    .from(studyExams)
    .innerJoin(orgs, eq(orgs.id, studyExams.orgId))
    .where(where)
    .orderBy(desc(studyExams.opensAt), desc(studyExams.id));
}

/** The question bank, exams and attempts. */
export const studyExamsRepository = {
  /** A page of the bank an org may use (its own and the banks of the orgs above it), optionally of one type. */
  async questions(db: Executor, orgPath: string, type: string | undefined, page: number, pageSize: number) {
    const where = and(
      inArray(studyQuestions.orgId, pathIds(orgPath)),
      type ? eq(studyQuestions.type, type) : undefined,
    )!;
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(studyQuestions)
        .where(where)
        .orderBy(desc(studyQuestions.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(studyQuestions).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },

  async questionsByIds(db: Executor, ids: readonly number[]): Promise<Question[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(studyQuestions)
      .where(inArray(studyQuestions.id, [...ids]));
  },

  /** Question ids of a type usable by an org: its own bank and the banks of the orgs above it. */
  async questionIdsFor(db: Executor, orgPath: string, type: string): Promise<number[]> {
    const rows = await db
      .select({ id: studyQuestions.id })
      .from(studyQuestions)
      .where(and(inArray(studyQuestions.orgId, pathIds(orgPath)), eq(studyQuestions.type, type)))
      .orderBy(asc(studyQuestions.id));
    return rows.map((r) => r.id);
  },

  async existingStems(db: Executor, orgId: number): Promise<Set<string>> {
    const rows = await db
      .select({ stem: studyQuestions.stem })
      .from(studyQuestions)
      .where(eq(studyQuestions.orgId, orgId));
    return new Set(rows.map((r) => r.stem));
  },

  async insertQuestions(db: Executor, rows: (typeof studyQuestions.$inferInsert)[]) {
    for (let i = 0; i < rows.length; i += 500) await db.insert(studyQuestions).values(rows.slice(i, i + 500));
  },

  async findQuestion(db: Executor, id: number): Promise<Question | undefined> {
    const [row] = await db.select().from(studyQuestions).where(eq(studyQuestions.id, id));
    return row;
  },

  async questionInUse(db: Executor, id: number): Promise<boolean> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select id from study_exams where ${id} = any(question_ids) limit 1`,
    );
    return rows.length > 0;
  },

  async deleteQuestion(db: Executor, id: number) {
    await db.delete(studyQuestions).where(eq(studyQuestions.id, id));
  },

  /**
   * The exams of a year that concern an org: its own, those of the orgs above it (its members sit them) and
   * those of the orgs below it, newest first, with how many members took and passed each.
   */
  async examsOfOrg(db: Executor, orgPath: string, year: number) {
    return examRows(
      db,
      and(
        onPathOrInSubtree(studyExams.orgPath, orgPath),
        sql`extract(year from ${studyExams.opensAt} at time zone 'Asia/Shanghai') = ${year}`,
      )!,
    );
  },

  /** One exam with the name of its org and how many members took and passed it. */
  async examSummary(db: Executor, id: number) {
    const [row] = await examRows(db, eq(studyExams.id, id));
    return row;
  },

  async findExam(db: Executor, id: number): Promise<Exam | undefined> {
    const [row] = await db.select().from(studyExams).where(eq(studyExams.id, id));
    return row;
  },

  /** Locks the exam's row for the transaction: a member's starts on one exam are serialized on it. */
  async lockExam(db: Executor, id: number) {
    await db.execute(sql`select id from study_exams where id = ${id} for update`);
  },

  async insertExam(db: Executor, row: typeof studyExams.$inferInsert): Promise<Exam> {
    const [created] = await db.insert(studyExams).values(row).returning();
    return created!;
  },

  async deleteExam(db: Executor, id: number) {
    await db.delete(studyExams).where(eq(studyExams.id, id));
  },

  async hasAttempts(db: Executor, examId: number): Promise<boolean> {
    const [row] = await db
      .select({ n: count() })
      .from(studyExamAttempts)
      .where(eq(studyExamAttempts.examId, examId));
    return (row?.n ?? 0) > 0;
  },

  async attemptsOf(db: Executor, examId: number, memberId: number): Promise<Attempt[]> {
    return db
      .select()
      .from(studyExamAttempts)
      .where(and(eq(studyExamAttempts.examId, examId), eq(studyExamAttempts.memberId, memberId)))
      .orderBy(asc(studyExamAttempts.attemptNo));
  },

  async attemptsOfMember(db: Executor, memberId: number): Promise<Attempt[]> {
    return db.select().from(studyExamAttempts).where(eq(studyExamAttempts.memberId, memberId));
  },

  async attemptsOfExam(db: Executor, examId: number, orgPath: string): Promise<Attempt[]> {
    return db
      .select()
      .from(studyExamAttempts)
      .where(and(eq(studyExamAttempts.examId, examId), inSubtree(studyExamAttempts.orgPath, orgPath)))
      .orderBy(asc(studyExamAttempts.memberId), asc(studyExamAttempts.attemptNo));
  },

  async findAttempt(db: Executor, id: number, lock = false): Promise<Attempt | undefined> {
    const q = db.select().from(studyExamAttempts).where(eq(studyExamAttempts.id, id));
    const [row] = lock ? await q.for('update') : await q;
    return row;
  },

  async insertAttempt(db: Executor, row: typeof studyExamAttempts.$inferInsert): Promise<Attempt> {
    const [created] = await db.insert(studyExamAttempts).values(row).returning();
    return created!;
  },

  async submitAttempt(db: Executor, id: number, patch: Partial<Attempt>): Promise<Attempt | undefined> {
    const [row] = await db
      .update(studyExamAttempts)
      .set(patch)
      .where(and(eq(studyExamAttempts.id, id), isNull(studyExamAttempts.submittedAt)))
      .returning();
    return row;
  },

  /** Exams open to a member: set by their org or any org above it. */
  async examsForMember(db: Executor, memberOrgPath: string): Promise<(Exam & { orgName: string })[]> {
    const rows = await db
      .select({ exam: studyExams, orgName: orgs.name })
      .from(studyExams)
      .innerJoin(orgs, eq(orgs.id, studyExams.orgId))
      .where(inArray(studyExams.orgId, pathIds(memberOrgPath)))
      .orderBy(desc(studyExams.opensAt));
    return rows.map((r) => ({ ...r.exam, orgName: r.orgName }));
  },
};
