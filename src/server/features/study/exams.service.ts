import type { Actor } from '../../../domain/access';
import { pathIds } from '../../../domain/org-rules';
import {
  attemptDeadline,
  attemptExpired,
  buildPaper,
  examAvailability,
  examRulesProblem,
  type GivenAnswer,
  gradeAnswer,
  PARTIAL_RULE_LABELS,
  type PartialRule,
  type QuestionType,
  STUDY_LIMITS,
  shuffled,
} from '../../../domain/study';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { importRefusal, rowError } from '../../excel/import';
import { AppError, conflict, invalid, notFound } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { type Attempt, type Exam, type Question, studyExamsRepository } from './exams.repository';
import { answerText, parseQuestionWorkbook, questionTemplate } from './questions.excel';
import { studyRepository } from './study.repository';
import type { TExamInput } from './study.schema';
import { selfOf } from './study.shared';

const yearOfInstant = (d: Date) => Number(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 4));

function presentQuestion(q: Question) {
  return {
    id: q.id,
    type: q.type as QuestionType,
    stem: q.stem,
    options: q.options,
    answerText: answerText(q.answerKey),
    score: q.score,
    analysis: q.analysis,
    tags: q.tags,
  };
}

function presentExam(e: Exam, orgName: string, takers: number, passed: number) {
  return {
    id: e.id,
    orgId: e.orgId,
    orgName,
    title: e.title,
    opensAt: e.opensAt.toISOString(),
    closesAt: e.closesAt.toISOString(),
    durationMinutes: e.durationMinutes,
    maxAttempts: e.maxAttempts,
    passScore: e.passScore,
    totalScore: e.totalScore,
    questionCount: e.questionIds.length,
    partialRule: e.partialRule as PartialRule,
    partialRuleText: PARTIAL_RULE_LABELS[e.partialRule as PartialRule],
    shuffleQuestions: e.shuffleQuestions,
    shuffleOptions: e.shuffleOptions,
    takers,
    passed,
  };
}

/**
 * Question bank and exams. The answer key stays on the server: a paper carries stems and options only, a
 * submission is graded here against the key, and the time limit is checked against the server's clock.
 */
export class ExamsService {
  constructor(private readonly deps: AppDeps) {}

  /* ---------- question bank ---------- */

  async questions(
    actor: Actor,
    query: { orgId: number; type?: QuestionType; page: number; pageSize: number },
  ) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, query.orgId);
    const { rows, total } = await studyExamsRepository.questions(
      this.deps.db,
      org.path,
      query.type,
      query.page,
      query.pageSize,
    );
    return { rows: rows.map(presentQuestion), total };
  }

  template(actor: Actor) {
    authorize(actor, 'study.write');
    return questionTemplate();
  }

  /** All-or-nothing: every row is checked (shape, keys, duplicates in the file and in the bank) first. */
  async importQuestions(actor: Actor, orgId: number, file: Buffer, dryRun: boolean) {
    const scope = authorize(actor, 'study.write');
    const parsed = await parseQuestionWorkbook(file);
    if ('fatal' in parsed) throw invalid(parsed.fatal);
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, orgId);
      const { questions, errors } = parsed;
      const existing = await studyExamsRepository.existingStems(tx, org.id);
      for (const q of questions)
        if (existing.has(q.stem)) errors.push(rowError(q.row, '题干', '题库中已有相同题干的题目'));
      if (errors.length > 0) throw importRefusal(errors, '题目');
      if (questions.length === 0) throw invalid('文件中没有可导入的题目');
      if (dryRun) return { imported: 0, rows: questions.length, dryRun: true };
      await studyExamsRepository.insertQuestions(
        tx,
        questions.map((q) => ({
          tenantId: org.tenantId,
          orgId: org.id,
          orgPath: org.path,
          type: q.type,
          stem: q.stem,
          options: q.options,
          answerKey: q.answerKey,
          score: q.score,
          analysis: q.analysis,
          tags: q.tags,
          createdBy: actor.accountId,
        })),
      );
      await recordChange(tx, actor, {
        action: 'import',
        entity: 'study_question',
        entityId: org.id,
        summary: `向“${org.name}”题库导入 ${questions.length} 道题`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: { rows: questions.length, stems: questions.slice(0, 20).map((q) => q.stem) },
      });
      return { imported: questions.length, rows: questions.length, dryRun: false };
    });
  }

  async deleteQuestion(actor: Actor, id: number) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const q = await studyExamsRepository.findQuestion(tx, id);
      if (!q) throw notFound('题目');
      scope.assertCovers(q.orgPath, '题目');
      if (await studyExamsRepository.questionInUse(tx, id)) throw conflict('该题目已被考试使用，不能删除');
      await studyExamsRepository.deleteQuestion(tx, id);
      await recordChange(tx, actor, {
        action: 'delete',
        entity: 'study_question',
        entityId: id,
        summary: `删除题目“${q.stem.slice(0, 30)}”`,
        tenantId: q.tenantId,
        orgPath: q.orgPath,
        before: q,
      });
    });
  }

  /* ---------- exams ---------- */

  async exams(actor: Actor, orgId: number, year: number) {
    const scope = authorize(actor, 'study.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    // The org's own exams, those of the orgs above it (its members take them) and those below it.
    const rows = await studyExamsRepository.examsOfOrg(this.deps.db, org.path, year);
    return { rows: rows.map((r) => presentExam(r.exam, r.orgName, r.takers, r.passed)) };
  }

  async createExam(actor: Actor, input: TExamInput) {
    const scope = authorize(actor, 'study.write');
    const opensAt = new Date(input.opensAt);
    const closesAt = new Date(input.closesAt);
    const problem = examRulesProblem({
      opensAt,
      closesAt,
      durationMinutes: input.durationMinutes,
      maxAttempts: input.maxAttempts,
    });
    if (problem) throw invalid(problem);
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      let ids = input.questionIds ?? [];
      if (ids.length === 0 && input.draw) {
        // A random draw from the bank the org may use, per type; the draw is fixed when the exam is saved.
        const seed = Number(this.deps.clock.now().getTime() % 2147483647);
        for (const [type, n] of Object.entries(input.draw) as [QuestionType, number][]) {
          if (n === 0) continue;
          const pool = await studyExamsRepository.questionIdsFor(tx, org.path, type);
          if (pool.length < n) throw invalid(`题库中${labelOf(type)}只有 ${pool.length} 道，不足 ${n} 道`);
          ids.push(...shuffled(pool, seed + ids.length).slice(0, n));
        }
      }
      ids = [...new Set(ids)];
      if (ids.length === 0) throw invalid('请选择题目或设置随机抽题数量');
      if (ids.length > STUDY_LIMITS.questionsPerExamMax)
        throw invalid(`一场考试最多 ${STUDY_LIMITS.questionsPerExamMax} 道题`);
      const questions = await studyExamsRepository.questionsByIds(tx, ids);
      const usable = new Set(pathIds(org.path));
      if (questions.length !== ids.length || questions.some((q) => !usable.has(q.orgId)))
        throw invalid('所选题目不存在或不在本组织可用的题库中');
      const totalScore = questions.reduce((s, q) => s + q.score, 0);
      if (input.passScore > totalScore) throw invalid(`合格分不能高于总分（${totalScore} 分）`);
      const exam = await studyExamsRepository.insertExam(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        title: input.title,
        opensAt,
        closesAt,
        durationMinutes: input.durationMinutes,
        maxAttempts: input.maxAttempts,
        passScore: input.passScore,
        totalScore,
        shuffleQuestions: input.shuffleQuestions,
        shuffleOptions: input.shuffleOptions,
        partialRule: input.partialRule,
        questionIds: ids,
        createdBy: actor.accountId,
      });
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'study_exam',
        entityId: exam.id,
        summary: `发布考试“${exam.title}”（${ids.length} 题，总分 ${totalScore}）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: exam,
      });
      return presentExam(exam, org.name, 0, 0);
    });
  }

  async deleteExam(actor: Actor, id: number) {
    const scope = authorize(actor, 'study.write');
    await this.deps.db.transaction(async (tx) => {
      const exam = await studyExamsRepository.findExam(tx, id);
      if (!exam) throw notFound('考试');
      scope.assertCovers(exam.orgPath, '考试');
      if (await studyExamsRepository.hasAttempts(tx, id)) throw conflict('已有党员作答的考试不能删除');
      await studyExamsRepository.deleteExam(tx, id);
      await recordChange(tx, actor, {
        action: 'delete',
        entity: 'study_exam',
        entityId: id,
        summary: `删除考试“${exam.title}”`,
        tenantId: exam.tenantId,
        orgPath: exam.orgPath,
        before: exam,
      });
    });
  }

  /** Results of an exam within an org's subtree: per member (best attempt) and per branch. */
  async results(actor: Actor, examId: number, orgId: number) {
    const scope = authorize(actor, 'study.read');
    const exam = await studyExamsRepository.findExam(this.deps.db, examId);
    if (!exam) throw notFound('考试');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    if (!org.path.startsWith(exam.orgPath) && !exam.orgPath.startsWith(org.path)) throw notFound('考试');
    const attempts = await studyExamsRepository.attemptsOfExam(this.deps.db, examId, org.path);
    const roster = await studyRepository.activeMembers(this.deps.db, org.path);
    const orgIds = [...new Set([...roster.map((m) => m.orgId), ...attempts.map((a) => a.orgId)])];
    const names = await studyRepository.orgNames(this.deps.db, orgIds);
    const byMember = new Map<number, Attempt[]>();
    for (const a of attempts) byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), a]);
    const people = new Map(roster.map((m) => [m.id, { name: m.name, orgId: m.orgId }]));
    for (const a of attempts)
      if (!people.has(a.memberId)) people.set(a.memberId, { name: a.memberName, orgId: a.orgId });
    const members = [...people.entries()].map(([memberId, p]) => {
      const mine = byMember.get(memberId) ?? [];
      const done = mine.filter((a) => a.submittedAt !== null);
      const best = done.reduce<Attempt | null>(
        (b, a) => (b === null || (a.score ?? 0) > (b.score ?? 0) ? a : b),
        null,
      );
      return {
        memberId,
        name: p.name,
        orgId: p.orgId,
        orgName: names.get(p.orgId) ?? '',
        attempts: mine.length,
        bestScore: best?.score ?? null,
        passed: best ? Boolean(best.passed) : null,
        lastSubmittedAt: done.length ? done.at(-1)!.submittedAt!.toISOString() : null,
      };
    });
    const branches = new Map<number, { takers: number; passed: number; score: number }>();
    for (const m of members) {
      const b = branches.get(m.orgId) ?? { takers: 0, passed: 0, score: 0 };
      if (m.bestScore !== null) {
        b.takers++;
        b.score += m.bestScore;
        if (m.passed) b.passed++;
      }
      branches.set(m.orgId, b);
    }
    const row = await studyExamsRepository.examSummary(this.deps.db, examId);
    return {
      exam: presentExam(exam, row?.orgName ?? '', row?.takers ?? 0, row?.passed ?? 0),
      members: members.map(({ orgId: _o, ...m }) => m),
      branches: [...branches.entries()].map(([id, b]) => ({
        orgId: id,
        orgName: names.get(id) ?? '',
        takers: b.takers,
        passed: b.passed,
        averageScore: b.takers ? Math.round((b.score / b.takers) * 10) / 10 : null,
      })),
    };
  }

  /* ---------- the member's side ---------- */

  async myExams(actor: Actor) {
    const me = await selfOf(this.deps.db, actor);
    const exams = await studyExamsRepository.examsForMember(this.deps.db, me.orgPath);
    const attempts = await studyExamsRepository.attemptsOfMember(this.deps.db, me.id);
    const now = this.deps.clock.now();
    return {
      rows: exams.map((e) => {
        const mine = attempts.filter((a) => a.examId === e.id);
        const availability = examAvailability(e, mine, now);
        const open = mine.find((a) => a.submittedAt === null && !attemptExpired(e, a, now));
        const done = mine.filter((a) => a.submittedAt !== null);
        const best = done.length ? Math.max(...done.map((a) => a.score ?? 0)) : null;
        return {
          id: e.id,
          title: e.title,
          orgName: e.orgName,
          opensAt: e.opensAt.toISOString(),
          closesAt: e.closesAt.toISOString(),
          durationMinutes: e.durationMinutes,
          totalScore: e.totalScore,
          passScore: e.passScore,
          questionCount: e.questionIds.length,
          maxAttempts: e.maxAttempts,
          attemptsUsed: mine.length,
          state: availability.state,
          openAttemptId: open?.id ?? null,
          bestScore: best,
          passed: best === null ? null : best >= e.passScore,
        };
      }),
    };
  }

  async openCount(actor: Actor): Promise<number> {
    if (actor.memberId === null) return 0;
    const { rows } = await this.myExams(actor);
    return rows.filter((r) => r.state === 'available' || r.state === 'in_progress').length;
  }

  /** Starts an attempt (or returns the one in progress): the paper's order is fixed now, by the attempt. */
  async start(actor: Actor, examId: number) {
    const attemptId = await this.deps.db.transaction(async (tx) => {
      const me = await selfOf(tx, actor);
      const exam = await studyExamsRepository.findExam(tx, examId);
      if (!exam || !me.orgPath.startsWith(exam.orgPath)) throw notFound('考试');
      // Serialize a member's starts on the exam row, so a double click never makes two attempts.
      await studyExamsRepository.lockExam(tx, examId);
      const mine = await studyExamsRepository.attemptsOf(tx, examId, me.id);
      const now = this.deps.clock.now();
      const availability = examAvailability(exam, mine, now);
      switch (availability.state) {
        case 'in_progress':
          return mine.find((a) => a.submittedAt === null && !attemptExpired(exam, a, now))!.id;
        case 'not_open':
          throw invalid(`考试尚未开始（${exam.opensAt.toISOString()} 开始）`);
        case 'closed':
          throw invalid('考试已结束');
        case 'used_up':
          throw conflict(`已用完作答次数（共 ${exam.maxAttempts} 次）`);
        case 'available':
          break;
        default: {
          const unreachable: never = availability;
          return unreachable;
        }
      }
      const questions = await studyExamsRepository.questionsByIds(tx, exam.questionIds);
      const byId = new Map(questions.map((q) => [q.id, q]));
      const ordered = exam.questionIds
        .map((id) => byId.get(id))
        .filter((q): q is Question => q !== undefined);
      const attemptNo = mine.length + 1;
      const paper = buildPaper(ordered, exam.id * 100_003 + me.id * 31 + attemptNo, {
        questions: exam.shuffleQuestions,
        options: exam.shuffleOptions,
      });
      const attempt = await studyExamsRepository.insertAttempt(tx, {
        tenantId: exam.tenantId,
        examId,
        memberId: me.id,
        memberName: me.name,
        orgId: me.orgId,
        orgPath: me.orgPath,
        attemptNo,
        startedAt: now,
        deadlineAt: attemptDeadline(exam, now),
        paper,
      });
      return attempt.id;
    });
    return this.attempt(actor, attemptId);
  }

  async attempt(actor: Actor, id: number, db: Executor = this.deps.db) {
    const me = await selfOf(db, actor);
    const a = await studyExamsRepository.findAttempt(db, id);
    if (!a || a.memberId !== me.id) throw notFound('答卷');
    const exam = (await studyExamsRepository.findExam(db, a.examId))!;
    const questions = new Map(
      (
        await studyExamsRepository.questionsByIds(
          db,
          a.paper.map((p) => p.questionId),
        )
      ).map((q) => [q.id, q]),
    );
    const now = this.deps.clock.now();
    const state = a.submittedAt ? 'submitted' : attemptExpired(exam, a, now) ? 'expired' : 'open';
    const results = new Map((a.results ?? []).map((r) => [r.questionId, r]));
    return {
      id: a.id,
      examId: exam.id,
      examTitle: exam.title,
      attemptNo: a.attemptNo,
      startedAt: a.startedAt.toISOString(),
      deadlineAt: a.deadlineAt.toISOString(),
      submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
      state: state as 'open' | 'submitted' | 'expired',
      totalScore: exam.totalScore,
      passScore: exam.passScore,
      partialRuleText: PARTIAL_RULE_LABELS[exam.partialRule as PartialRule],
      questions: a.paper.map((p) => {
        const q = questions.get(p.questionId);
        const options = q ? new Map(q.options.map((o) => [o.key, o])) : new Map();
        return {
          questionId: p.questionId,
          type: (q?.type ?? 'single') as QuestionType,
          stem: q?.stem ?? '（题目已删除）',
          score: q?.score ?? 0,
          options: p.optionOrder.map((k) => options.get(k)).filter((o) => o !== undefined),
          blanks: q?.answerKey.type === 'blank' ? q.answerKey.accepted.length : 0,
        };
      }),
      score: a.score,
      passed: a.passed,
      // The key is shown only once the attempt is over.
      review:
        state === 'submitted'
          ? a.paper.map((p) => {
              const q = questions.get(p.questionId);
              const r = results.get(p.questionId);
              return {
                questionId: p.questionId,
                given: (a.answers?.[String(p.questionId)] ?? null) as GivenAnswer,
                correct: r?.correct ?? false,
                score: r?.score ?? 0,
                answerText: q ? answerText(q.answerKey) : '',
                analysis: q?.analysis ?? null,
              };
            })
          : null,
    };
  }

  /** Grades a submission on the server against the key; late submissions (past deadline and grace) are refused. */
  async submit(actor: Actor, id: number, answers: Record<string, GivenAnswer>) {
    await this.deps.db.transaction(async (tx) => {
      const me = await selfOf(tx, actor);
      const a = await studyExamsRepository.findAttempt(tx, id, true);
      if (!a || a.memberId !== me.id) throw notFound('答卷');
      if (a.submittedAt) throw conflict('该答卷已经提交，不能重复提交');
      const exam = (await studyExamsRepository.findExam(tx, a.examId))!;
      const now = this.deps.clock.now();
      if (attemptExpired(exam, a, now))
        throw new AppError('CONFLICT', '已超过作答时间，答卷未被接受（本次作答计为已用）');
      const onPaper = new Set(a.paper.map((p) => p.questionId));
      const stray = Object.keys(answers).filter((k) => !onPaper.has(Number(k)));
      if (stray.length) throw invalid('答卷中包含不属于本试卷的题目');
      const questions = await studyExamsRepository.questionsByIds(tx, [...onPaper]);
      const results = questions.map((q) => {
        const r = gradeAnswer(
          q.answerKey,
          answers[String(q.id)] ?? null,
          q.score,
          exam.partialRule as PartialRule,
        );
        return { questionId: q.id, score: r.score, correct: r.correct };
      });
      const score = results.reduce((s, r) => s + r.score, 0);
      const previous = (await studyExamsRepository.attemptsOf(tx, exam.id, me.id)).filter(
        (x) => x.submittedAt !== null,
      );
      const updated = await studyExamsRepository.submitAttempt(tx, id, {
        submittedAt: now,
        answers,
        results,
        score,
        passed: score >= exam.passScore,
      });
      if (!updated) throw conflict('该答卷已经提交，不能重复提交');
      await this.moveExamRollups(tx, exam, previous, updated);
      await recordChange(tx, actor, {
        action: 'event',
        entity: 'study_exam_attempt',
        entityId: id,
        summary: `提交考试“${exam.title}”答卷，得分 ${score}/${exam.totalScore}`,
        tenantId: exam.tenantId,
        orgPath: a.orgPath,
        after: { examId: exam.id, attemptNo: a.attemptNo, score },
      });
    });
    return this.attempt(actor, id);
  }

  /** The rollups count each member's best attempt per exam: move them from the old best to the new one. */
  private async moveExamRollups(tx: Executor, exam: Exam, previous: readonly Attempt[], latest: Attempt) {
    const year = yearOfInstant(exam.opensAt);
    const bestOf = (list: readonly Attempt[]) =>
      list.reduce<Attempt | null>((b, x) => (b === null || (x.score ?? 0) > (b.score ?? 0) ? x : b), null);
    const before = bestOf(previous);
    const after = bestOf([...previous, latest]);
    if (before && after && before.id === after.id) return;
    if (before)
      await studyRepository.applyDelta(tx, exam.tenantId, before.orgPath, year, {
        examTakers: -1,
        examPassed: -Number(Boolean(before.passed)),
        examScore: -(before.score ?? 0),
        examTotal: -exam.totalScore,
      });
    if (after)
      await studyRepository.applyDelta(tx, exam.tenantId, after.orgPath, year, {
        examTakers: 1,
        examPassed: Number(Boolean(after.passed)),
        examScore: after.score ?? 0,
        examTotal: exam.totalScore,
      });
  }
}

function labelOf(type: QuestionType) {
  return { single: '单选题', multiple: '多选题', judge: '判断题', blank: '填空题' }[type];
}
