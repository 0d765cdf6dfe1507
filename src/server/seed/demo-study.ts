import { addDays, type IsoDate } from '../../domain/calendar';
import { periodOf, yearOf } from '../../domain/period';
import { HOURS_NORMS, type QuestionKey, type QuestionOption } from '../../domain/study';
import type { Executor } from '../db/database';
import { studyExamsRepository } from '../features/study/exams.repository';
import { studyMaterialsRepository } from '../features/study/materials.repository';
import { studyPlansRepository } from '../features/study/plans.repository';
import { studyReflectionsRepository } from '../features/study/reflections.repository';
import { selfStudyRepository } from '../features/study/self-study.repository';
import { studySessionsRepository } from '../features/study/sessions.repository';
import { studyRepository, studyUpkeepRepository } from '../features/study/study.repository';
import { loadDemoHistory } from './demo-roster';
import { type GeneratedOrg, prng } from './generator';

/**
 * A year of study for the demo (fictional content): a plan per branch, collective study linked to the
 * branch's 主题党日 and 党课 records (entered once, attendance reused), 微党课 and 专题研讨 of their own,
 * self-study, a materials library with today's item, a question bank and an exam open now, a reflection
 * waiting for review; then the member years and rollups derived in bulk, as the daily job would.
 */
const MATERIALS = [
  {
    title: '支部工作应知应会（一）：“三会一课”',
    body: '“三会一课”是指定期召开支部党员大会、支部委员会、党小组会，按时上好党课。本资料为演示用的虚构学习内容。',
  },
  {
    title: '支部工作应知应会（二）：党员的义务与权利',
    body: '党员应当认真学习、密切联系群众、发挥先锋模范作用。本资料为演示用的虚构学习内容。',
  },
  {
    title: '机关作风建设案例选编（演示）',
    body: '某机关支部以“马扎课堂”走进窗口一线，围绕群众反映的问题开展讨论。本资料为演示用的虚构案例。',
  },
  { title: '党费交纳常识', body: '党员应按月交纳党费，交纳比例依据收入确定。本资料为演示用的虚构学习内容。' },
];

const QUESTIONS: {
  type: QuestionKey['type'];
  stem: string;
  options: QuestionOption[];
  key: QuestionKey;
  score: number;
}[] = [
  {
    type: 'single',
    stem: '党支部委员会一般多长时间召开一次？',
    options: [
      { key: 'A', text: '每周' },
      { key: 'B', text: '每月' },
      { key: 'C', text: '每季度' },
      { key: 'D', text: '每年' },
    ],
    key: { type: 'single', correct: 'B' },
    score: 2,
  },
  {
    type: 'single',
    stem: '支部党员大会一般多长时间召开一次？',
    options: [
      { key: 'A', text: '每月' },
      { key: 'B', text: '每季度' },
      { key: 'C', text: '每半年' },
      { key: 'D', text: '每年' },
    ],
    key: { type: 'single', correct: 'B' },
    score: 2,
  },
  {
    type: 'multiple',
    stem: '“三会一课”中的“三会”包括哪些？',
    options: [
      { key: 'A', text: '支部党员大会' },
      { key: 'B', text: '支部委员会' },
      { key: 'C', text: '党小组会' },
      { key: 'D', text: '职工代表大会' },
    ],
    key: { type: 'multiple', correct: ['A', 'B', 'C'] },
    score: 4,
  },
  {
    type: 'multiple',
    stem: '以下哪些属于党员学习教育的常见形式？',
    options: [
      { key: 'A', text: '集中学习' },
      { key: 'B', text: '微党课' },
      { key: 'C', text: '实境教学' },
      { key: 'D', text: '观看教育影片' },
    ],
    key: { type: 'multiple', correct: ['A', 'B', 'C', 'D'] },
    score: 4,
  },
  {
    type: 'judge',
    stem: '党员应当按月交纳党费。',
    options: [],
    key: { type: 'judge', correct: true },
    score: 2,
  },
  {
    type: 'judge',
    stem: '学习积分可以作为党员民主评议的等次依据。',
    options: [],
    key: { type: 'judge', correct: false },
    score: 2,
  },
  {
    type: 'blank',
    stem: '党支部每月相对固定一天开展____活动。',
    options: [],
    key: { type: 'blank', accepted: [['主题党日', '主题党日活动']] },
    score: 4,
  },
];

export async function seedDemoStudy(
  db: Executor,
  tree: readonly GeneratedOrg[],
  today: IsoDate,
  seed: number,
) {
  const random = prng(seed * 13 + 5);
  const root = tree[0]!;
  const year = yearOf(today);
  const branches = tree.filter((o) => o.type === '党支部');

  // The library and today's item are published by the working committee for the whole tree.
  const materials = [];
  for (const m of MATERIALS)
    materials.push(
      await studyMaterialsRepository.insertMaterial(db, {
        tenantId: root.tenantId,
        orgId: root.id,
        orgPath: root.path,
        title: m.title,
        kind: 'text',
        body: m.body,
        tenths: 5,
      }),
    );
  for (let d = -3; d <= 0; d++)
    await studyMaterialsRepository.setDaily(db, {
      tenantId: root.tenantId,
      orgId: root.id,
      orgPath: root.path,
      date: addDays(today, d),
      materialId: materials[(d + 3) % materials.length]!.id,
    });

  await studyExamsRepository.insertQuestions(
    db,
    QUESTIONS.map((q) => ({
      tenantId: root.tenantId,
      orgId: root.id,
      orgPath: root.path,
      type: q.type,
      stem: q.stem,
      options: q.options,
      answerKey: q.key,
      score: q.score,
      analysis: '依据支部工作的一般规定（演示题目）。',
    })),
  );
  const bankIds = await Promise.all(
    (['single', 'multiple', 'judge', 'blank'] as const).map((t) =>
      studyExamsRepository.questionIdsFor(db, root.path, t),
    ),
  );
  const questionIds = bankIds.flat();
  const totalScore = QUESTIONS.reduce((s, q) => s + q.score, 0);
  const quarter = periodOf('quarter', today);
  await studyExamsRepository.insertExam(db, {
    tenantId: root.tenantId,
    orgId: root.id,
    orgPath: root.path,
    title: `${year} 年第${'一二三四'[quarter.index]}季度应知应会测试`,
    opensAt: new Date(`${addDays(today, -10)}T00:00:00+08:00`),
    closesAt: new Date(`${addDays(today, 20)}T23:59:00+08:00`),
    durationMinutes: 20,
    maxAttempts: 1,
    passScore: Math.ceil(totalScore * 0.6),
    totalScore,
    shuffleQuestions: true,
    shuffleOptions: true,
    partialRule: 'none',
    questionIds,
  });

  const linkable = await studyUpkeepRepository.studyMeetings(
    db,
    root.tenantId,
    periodOf('year', today).start,
    today,
  );
  // A sitting's roster is the branch's members on its date (the status history), as the study service's is.
  const history = await loadDemoHistory(db, root.tenantId);
  for (const branch of branches) {
    const roster = await studyRepository.activeMembers(db, branch.path);
    const everyone = history.everIn(branch.path);
    const rosterOn = (date: IsoDate) =>
      everyone
        .filter((id) => history.activeIn(id, branch.path, date) !== null)
        .map((id) => ({ id, name: history.nameOf(id) }));
    const plan = await studyPlansRepository.insertPlan(db, {
      tenantId: branch.tenantId,
      orgId: branch.id,
      orgPath: branch.path,
      year,
      quarter: null,
      title: `${year} 年度学习计划`,
      topics: ['党章党规', '理论学习', '业务知识', '作风建设'],
      content: '每月结合主题党日开展集中学习；每季度一次专题研讨和一次应知应会测试；党员轮流讲微党课。',
    });
    // Collective study at the branch's own 主题党日 / 党课 sittings: one record, two ledgers.
    for (const m of linkable.filter((x) => x.orgId === branch.id))
      await studySessionsRepository.insertSession(db, {
        tenantId: branch.tenantId,
        orgId: branch.id,
        orgPath: branch.path,
        planId: plan.id,
        meetingId: m.id,
        kind: '集中学习',
        title: m.title,
        status: 'held',
        date: m.date,
        tenths: 20 + Math.floor(random() * 3) * 5,
      });
    const own = [
      { kind: '微党课', title: '微党课：身边的榜样', month: '04' },
      { kind: '专题研讨', title: '专题研讨：提升服务效能', month: '06' },
      { kind: '实境教学', title: '实境教学：走进革命纪念馆（演示）', month: '09' },
      { kind: '观影', title: '观看教育影片并交流', month: '10' },
    ];
    for (const s of own) {
      const date = `${year}-${s.month}-1${Math.floor(random() * 9)}`;
      if (date > today) continue;
      const present = rosterOn(date);
      const session = await studySessionsRepository.insertSession(db, {
        tenantId: branch.tenantId,
        orgId: branch.id,
        orgPath: branch.path,
        planId: plan.id,
        kind: s.kind,
        title: s.title,
        status: 'held',
        date,
        lecturerName: s.kind === '微党课' ? (present[1]?.name ?? null) : null,
        tenths: 30 + Math.floor(random() * 2) * 10,
      });
      await studySessionsRepository.replaceSessionAttendees(
        db,
        session.id,
        present.map((m) => ({
          sessionId: session.id,
          tenantId: branch.tenantId,
          orgPath: branch.path,
          memberId: m.id,
          memberName: m.name,
          present: random() < 0.85,
        })),
      );
    }
    // Some members log self-study (online platforms, reading).
    for (const m of roster) {
      const entries = Math.floor(random() * 6);
      for (let i = 0; i < entries; i++) {
        const month = String(1 + Math.floor(random() * Math.max(1, Number(today.slice(5, 7)) - 1))).padStart(
          2,
          '0',
        );
        const date = `${year}-${month}-0${1 + Math.floor(random() * 8)}`;
        // Someone who arrived during the year logs their study here from the day they came.
        if (!history.activeIn(m.id, branch.path, date)) continue;
        await selfStudyRepository.insertSelfLog(db, {
          tenantId: branch.tenantId,
          orgPath: m.orgPath,
          memberId: m.id,
          date,
          title: random() < 0.5 ? '网络学习平台专题课程' : '自学党章党规',
          source: random() < 0.5 ? '网络学习平台' : '自学',
          tenths: 10 + Math.floor(random() * 4) * 5,
        });
      }
    }
  }
  await studyUpkeepRepository.creditAllSessions(db, root.tenantId);
  await studyUpkeepRepository.reconcileMemberYears(db, root.tenantId, year, today, {
    member: HOURS_NORMS.member.tenths,
    committee: HOURS_NORMS.committee.tenths,
  });
  await studyRepository.rebuildRollups(db, root.tenantId, year);
}

/** A reflection waiting for the secretary (the demo member's). */
export async function seedDemoReflection(
  db: Executor,
  member: { id: number; name: string; orgPath: string; tenantId: number },
) {
  await studyReflectionsRepository.insertReflection(db, {
    tenantId: member.tenantId,
    orgPath: member.orgPath,
    memberId: member.id,
    memberName: member.name,
    title: '参加主题党日集中学习的体会',
    body: '这次集中学习让我对支部工作的基本制度有了更系统的认识。今后要把学习与本职工作结合起来，按时参加组织生活，主动讲好微党课，在窗口服务中发挥党员作用。（演示内容）',
  });
}
