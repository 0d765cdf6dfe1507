import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database';
import { memberInput, multipartFile } from '../../testing/factories';
import { demoApi } from '../../testing/fixtures';
import type { TestClient } from '../../testing/harness';
import { studyRepository } from './study.repository';

/**
 * Study through HTTP on the demo installation (today 2026-11-20): sessions and the hours ledger (a sitting that
 * is also a meeting counts once), question import, exams graded on the server, points switched off, scope,
 * and rollups kept equal to a rebuild from the facts.
 */
const { ctx, facts, clients: as } = demoApi(['admin', 'gongwei', 'shuji', 'shuji2', 'dangyuan']);
const YEAR = 2026;

async function myHours(client: TestClient): Promise<number> {
  const r = await client.request('GET', `/api/v1/study/my/overview?year=${YEAR}`);
  expect(r.status).toBe(200);
  return r.json.hours;
}

/** Incremental rollups must equal the rollups derived from scratch. */
async function expectRollupsConsistent() {
  const tenantId = facts.rootId;
  const incremental = await ctx.deps.db.transaction(async (tx) => {
    const before = await studyRepository.rollupsOfTenant(tx, tenantId, YEAR);
    await studyRepository.rebuildRollups(tx, tenantId, YEAR);
    const after = await studyRepository.rollupsOfTenant(tx, tenantId, YEAR);
    return { before, after };
  });
  const strip = (rows: typeof incremental.before) =>
    rows.filter((r) => r.subMembers || r.subTenths || r.subExamTakers).map(({ tenantId: _t, ...r }) => r);
  expect(strip(incremental.before)).toEqual(strip(incremental.after));
}

describe('sessions and hours', () => {
  it('credits the hours of a recorded session to the members present, and only to them', async () => {
    const before = await myHours(as.dangyuan!);
    const r = await as.shuji!.request('POST', '/api/v1/study/sessions', {
      orgId: facts.branchId,
      status: 'held',
      kind: '集中学习',
      title: '学习党章专题',
      date: '2026-11-10',
      hours: 2.5,
      presentMemberIds: [facts.members.dangyuan, facts.members.shuji],
    });
    expect(r.status).toBe(200);
    expect(r.json.present).toBe(2);
    expect(r.json.attendanceFrom).toBe('session');
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before + 2.5);
    await expectRollupsConsistent();
  });

  it('refuses hours finer than a tenth and a held date in the future, with Chinese messages', async () => {
    const bad = await as.shuji!.request('POST', '/api/v1/study/sessions', {
      orgId: facts.branchId,
      status: 'held',
      kind: '集中学习',
      title: '未来的学习',
      date: '2026-12-30',
      hours: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch('晚于今天');
    const fine = await as.shuji!.request('POST', '/api/v1/study/sessions', {
      orgId: facts.branchId,
      kind: '集中学习',
      title: '学时',
      date: '2026-11-01',
      hours: 1.55,
    });
    expect(fine.status).toBe(400);
  });

  it('reuses a meeting record: attendance comes from the meeting and a second link is refused', async () => {
    const candidates = await as.shuji!.request(
      'GET',
      `/api/v1/study/meeting-candidates?orgId=${facts.branchId}&year=${YEAR}`,
    );
    expect(candidates.status).toBe(200);
    const meeting = candidates.json.rows.find(
      (m: { status: string; present: number }) => m.status === 'held' && m.present > 0,
    );
    expect(meeting).toBeDefined();
    const created = await as.shuji!.request('POST', '/api/v1/study/sessions', {
      orgId: facts.branchId,
      status: 'held',
      kind: '集中学习',
      title: '主题党日集中学习',
      date: '2000-01-01',
      hours: 2,
      meetingId: meeting.id,
      presentMemberIds: [],
    });
    expect(created.status).toBe(200);
    expect(created.json.attendanceFrom).toBe('meeting');
    expect(created.json.date).toBe(meeting.date);
    expect(created.json.present).toBe(meeting.present);

    const again = await as.shuji!.request('POST', '/api/v1/study/sessions', {
      orgId: facts.branchId,
      status: 'held',
      kind: '专题研讨',
      title: '同一次会议再登记',
      date: meeting.date,
      hours: 2,
      meetingId: meeting.id,
    });
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch('只计一次');

    // The ledger holds one credit per present member for that meeting, keyed by the meeting.
    const rows = await queryRows<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from study_hours where sitting_key = ${`meeting:${meeting.id}`}`,
    );
    expect(rows[0]!.n).toBe(meeting.present);
    await expectRollupsConsistent();
  });

  it('takes hours back when a session is deleted', async () => {
    const created = await as.shuji!.request('POST', '/api/v1/study/sessions', {
      orgId: facts.branchId,
      status: 'held',
      kind: '微党课',
      title: '微党课：初心',
      date: '2026-11-12',
      hours: 1,
      lecturerName: '讲课人',
      presentMemberIds: [facts.members.dangyuan],
    });
    const before = await myHours(as.dangyuan!);
    const del = await as.shuji!.request('DELETE', `/api/v1/study/sessions/${created.json.id}`);
    expect(del.status).toBe(200);
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before - 1);
    await expectRollupsConsistent();
  });

  it('credits nothing while planned, then the hours of those marked present once recorded as held', async () => {
    const before = await myHours(as.dangyuan!);
    const planned = await as.shuji!.request('POST', '/api/v1/study/sessions', {
      orgId: facts.branchId,
      status: 'planned',
      kind: '专题研讨',
      title: '计划中的专题研讨',
      date: '2026-11-16',
      hours: 2,
    });
    expect(planned.status).toBe(200);
    expect(planned.json.status).toBe('planned');
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before);

    const held = await as.shuji!.request('PATCH', `/api/v1/study/sessions/${planned.json.id}`, {
      status: 'held',
      hours: 1.5,
      presentMemberIds: [facts.members.dangyuan],
    });
    expect(held.status).toBe(200);
    expect(held.json.status).toBe('held');
    expect(held.json.present).toBe(1);
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before + 1.5);

    // Marked absent after all: the credit goes with the tick.
    const corrected = await as.shuji!.request('PATCH', `/api/v1/study/sessions/${planned.json.id}`, {
      presentMemberIds: [facts.members.shuji],
    });
    expect(corrected.status).toBe(200);
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before);
    await expectRollupsConsistent();
  });

  it('offers and accepts the roster of the session date, including a member with no study year yet', async () => {
    const joined = await as.shuji!.request(
      'POST',
      '/api/v1/members',
      memberInput(facts.branchId, { joinedOn: '2026-11-02', confirmedOn: null }),
    );
    expect(joined.status).toBe(200);
    const newcomer = joined.json.id as number;
    const yearRow = await studyRepository.memberYear(ctx.deps.db, newcomer, YEAR);
    expect(yearRow).toBeUndefined();

    const rosterOn = async (date: string) => {
      const r = await as.shuji!.request('GET', `/api/v1/study/roster?orgId=${facts.branchId}&date=${date}`);
      expect(r.status).toBe(200);
      return r.json.rows.map((m: { memberId: number }) => m.memberId) as number[];
    };
    expect(await rosterOn('2026-11-10')).toContain(newcomer);
    expect(await rosterOn('2026-11-10')).toContain(facts.members.dangyuan);
    expect(await rosterOn('2026-10-10')).not.toContain(newcomer);

    const session = (date: string) =>
      as.shuji!.request('POST', '/api/v1/study/sessions', {
        orgId: facts.branchId,
        status: 'held',
        kind: '集中学习',
        title: `新党员参加的学习 ${date}`,
        date,
        hours: 2,
        presentMemberIds: [newcomer],
      });
    const early = await session('2026-10-10');
    expect(early.status).toBe(400);
    expect(early.json.message).toMatch('不是本组织在册党员');
    const ok = await session('2026-11-10');
    expect(ok.status).toBe(200);
    expect(ok.json.attendees.find((a: { memberId: number }) => a.memberId === newcomer)?.present).toBe(true);
    expect((await studyRepository.memberYear(ctx.deps.db, newcomer, YEAR))?.tenths).toBe(20);

    const other = await as.shuji2!.request(
      'GET',
      `/api/v1/study/roster?orgId=${facts.branchId}&date=2026-11-10`,
    );
    expect(other.status).toBe(404);
    await expectRollupsConsistent();
  });

  it('edits a plan and counts the sessions that belong to it', async () => {
    const created = await as.shuji!.request('POST', '/api/v1/study/plans', {
      orgId: facts.branchId,
      year: YEAR,
      quarter: 4,
      title: '第四季度学习计划',
      topics: ['党章'],
    });
    expect(created.status).toBe(200);
    const id = created.json.id as number;
    const edited = await as.shuji!.request('PATCH', `/api/v1/study/plans/${id}`, {
      title: '第四季度理论学习计划',
      topics: ['党章', '条例'],
      content: '每月一次集中学习',
    });
    expect(edited.status).toBe(200);
    expect((await as.shuji!.request('PATCH', `/api/v1/study/plans/${id}`, { quarter: 5 })).status).toBe(400);
    expect(
      (await as.shuji2!.request('PATCH', `/api/v1/study/plans/${id}`, { title: '越权修改' })).status,
    ).toBe(404);
    const session = await as.shuji!.request('POST', '/api/v1/study/sessions', {
      orgId: facts.branchId,
      kind: '集中学习',
      title: '计划内的学习',
      date: '2026-12-10',
      hours: 2,
      planId: id,
    });
    expect(session.status).toBe(200);
    expect(session.json.planId).toBe(id);
    const list = await as.shuji!.request('GET', `/api/v1/study/plans?orgId=${facts.branchId}&year=${YEAR}`);
    const plan = list.json.rows.find((p: { id: number }) => p.id === id);
    expect(plan).toMatchObject({
      title: '第四季度理论学习计划',
      quarter: 4,
      topics: ['党章', '条例'],
      content: '每月一次集中学习',
      sessions: 1,
      heldSessions: 0,
    });
  });

  it('keeps a branch secretary out of another branch', async () => {
    const r = await as.shuji2!.request('GET', `/api/v1/study/sessions?orgId=${facts.branchId}&year=${YEAR}`);
    expect(r.status).toBe(404);
    const member = await as.dangyuan!.request(
      'GET',
      `/api/v1/study/hours?orgId=${facts.branchId}&year=${YEAR}`,
    );
    expect(member.status).toBe(403);
  });

  it('credits self-study to the member and lists hours against the norm', async () => {
    const before = await myHours(as.dangyuan!);
    const r = await as.dangyuan!.request('POST', '/api/v1/study/my/self-study', {
      date: '2026-11-15',
      title: '自学党史',
      source: '网络学习平台',
      hours: 1.5,
    });
    expect(r.status).toBe(200);
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before + 1.5);
    const hours = await as.shuji!.request('GET', `/api/v1/study/hours?orgId=${facts.branchId}&year=${YEAR}`);
    const me = hours.json.rows.find((x: { memberId: number }) => x.memberId === facts.members.dangyuan);
    expect(me.norm).toBe(32);
    const secretary = hours.json.rows.find((x: { memberId: number }) => x.memberId === facts.members.shuji);
    expect(secretary.norm).toBe(56);
    await expectRollupsConsistent();
  });
});

describe('reflections and today’s item', () => {
  it('lets a member submit a reflection and the secretary review it', async () => {
    const short = await as.dangyuan!.request('POST', '/api/v1/study/my/reflections', {
      title: '心得',
      body: '太短',
    });
    expect(short.status).toBe(400);
    const r = await as.dangyuan!.request('POST', '/api/v1/study/my/reflections', {
      title: '学习党章心得',
      body: '通过这次学习，我对党章的理解更加深入。'.repeat(4),
    });
    expect(r.status).toBe(200);
    const review = await as.shuji!.request('POST', `/api/v1/study/reflections/${r.json.id}/review`, {
      status: 'reviewed',
      comment: '体会深刻，联系实际。',
    });
    expect(review.status).toBe(200);
    expect(review.json.reviewerName).toBeTruthy();
  });

  it('shows the branch’s item of the day and records who read it', async () => {
    const m = await as.shuji!.request('POST', '/api/v1/study/materials', {
      orgId: facts.branchId,
      title: '今日学习：党员的权利和义务',
      kind: 'text',
      body: '党员必须履行下列义务……',
    });
    expect(m.status).toBe(200);
    const set = await as.shuji!.request('PUT', '/api/v1/study/daily', {
      orgId: facts.branchId,
      date: '2026-11-20',
      materialId: m.json.id,
    });
    expect(set.status).toBe(200);
    const mine = await as.dangyuan!.request('GET', `/api/v1/study/my/overview?year=${YEAR}`);
    expect(mine.json.today.material.id).toBe(m.json.id);
    expect(mine.json.today.readAt).toBeNull();
    expect(
      (await as.dangyuan!.request('POST', '/api/v1/study/my/reads', { materialId: m.json.id })).status,
    ).toBe(200);
    const daily = await as.shuji!.request(
      'GET',
      `/api/v1/study/daily?orgId=${facts.branchId}&date=2026-11-20`,
    );
    expect(daily.json.readers.map((x: { memberId: number }) => x.memberId)).toContain(facts.members.dangyuan);
  });
});

describe('file materials', () => {
  let filesDir: string;
  beforeAll(() => {
    filesDir = mkdtempSync(path.join(tmpdir(), 'zhibu-study-files-'));
    ctx.deps.config.filesDir = filesDir;
  });
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));
  const pdf = Buffer.from('%PDF-1.4\n% 学习资料（测试）\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const upload = (file: Buffer, fileName: string, title = '支部工作条例解读（PDF）') => {
    const { payload, headers } = multipartFile(file, fileName);
    return as.shuji!.inject({
      method: 'POST',
      url: `/api/v1/study/materials/file?orgId=${facts.branchId}&title=${encodeURIComponent(title)}&hours=1`,
      payload,
      headers,
    });
  };

  it('stores an uploaded file and serves it to the branch’s members only', async () => {
    const r = await upload(pdf, 'tiaoli-jiedu.pdf');
    expect(r.statusCode).toBe(200);
    const m = r.json();
    expect(m).toMatchObject({ kind: 'file', fileName: 'tiaoli-jiedu.pdf', fileSize: pdf.length, hours: 1 });
    expect(m.url).toBe(`/api/v1/study/materials/${m.id}/file`);

    const mine = await as.dangyuan!.inject({ method: 'GET', url: m.url });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toMatch('application/pdf');
    expect(Buffer.compare(mine.rawPayload, pdf)).toBe(0);
    const supervisor = await as.gongwei!.inject({ method: 'GET', url: m.url });
    expect(supervisor.statusCode).toBe(200);
    const other = await as.shuji2!.inject({ method: 'GET', url: m.url });
    expect(other.statusCode).toBe(404);

    const list = await as.shuji!.request('GET', `/api/v1/study/materials?orgId=${facts.branchId}`);
    expect(list.json.rows.map((x: { id: number }) => x.id)).toContain(m.id);
  });

  it('refuses a file whose bytes are not an accepted type, and stores nothing', async () => {
    const before = await as.shuji!.request('GET', `/api/v1/study/materials?orgId=${facts.branchId}`);
    const r = await upload(Buffer.from('#!/bin/sh\necho hi\n'), 'jianggao.pdf');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch('不支持的文件类型');
    const noTitle = await upload(pdf, 'tiaoli-jiedu.pdf', ' ');
    expect(noTitle.statusCode).toBe(400);
    const after = await as.shuji!.request('GET', `/api/v1/study/materials?orgId=${facts.branchId}`);
    expect(after.json.rows.length).toBe(before.json.rows.length);
  });
});

async function questionFile(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('题库');
  s.addRow(['*题型', '*题干', '选项A', '选项B', '选项C', '选项D', '*答案', '分值', '解析']);
  for (const r of rows) s.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('question bank and exams', () => {
  let examId: number;

  it('imports nothing when any row is wrong, and lists every problem by row', async () => {
    const file = await questionFile([
      ['单选题', '测试题一', '甲', '乙', '丙', null, 'B', 2, null],
      ['多选题', '测试题二', '甲', '乙', '丙', '丁', 'E', 2, null],
      ['判断题', '测试题三', null, null, null, null, '也许', 1, null],
      ['问答题', '测试题四', null, null, null, null, '略', 1, null],
    ]);
    const { payload, headers } = multipartFile(file, '题库.xlsx');
    const r = await as.shuji!.inject({
      method: 'POST',
      url: `/api/v1/study/questions/import?orgId=${facts.branchId}`,
      payload,
      headers,
    });
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5]);
    const bank = await as.shuji!.request('GET', `/api/v1/study/questions?orgId=${facts.branchId}`);
    expect(bank.json.rows.some((q: { stem: string }) => q.stem === '测试题一')).toBe(false);
  });

  it('imports a good file and runs an exam graded on the server', async () => {
    const file = await questionFile([
      ['单选题', '考题：单选', '甲', '乙', '丙', null, 'B', 2, '选乙'],
      ['多选题', '考题：多选', '甲', '乙', '丙', '丁', 'ACD', 4, null],
      ['判断题', '考题：判断', null, null, null, null, '对', 2, null],
      ['填空题', '考题：填空 ____', null, null, null, null, '四个意识|四意识', 2, null],
    ]);
    const { payload, headers } = multipartFile(file, '题库.xlsx');
    const imported = await as.shuji!.inject({
      method: 'POST',
      url: `/api/v1/study/questions/import?orgId=${facts.branchId}`,
      payload,
      headers,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().imported).toBe(4);
    const bank = await as.shuji!.request('GET', `/api/v1/study/questions?orgId=${facts.branchId}`);
    const ids = bank.json.rows
      .filter((q: { stem: string }) => q.stem.startsWith('考题：'))
      .map((q: { id: number }) => q.id);
    expect(ids).toHaveLength(4);

    const exam = await as.shuji!.request('POST', '/api/v1/study/exams', {
      orgId: facts.branchId,
      title: '第四季度应知应会测试',
      opensAt: '2026-11-19T00:00:00+08:00',
      closesAt: '2026-11-30T23:59:00+08:00',
      durationMinutes: 30,
      passScore: 6,
      questionIds: ids,
    });
    expect(exam.status).toBe(200);
    expect(exam.json.totalScore).toBe(10);
    examId = exam.json.id;

    const started = await as.dangyuan!.request('POST', `/api/v1/study/my/exams/${examId}/start`);
    expect(started.status).toBe(200);
    expect(JSON.stringify(started.json)).not.toMatch(/answerText|accepted|correct/);
    expect(started.json.review).toBeNull();
    const byStem = new Map(
      started.json.questions.map((q: { stem: string; questionId: number }) => [q.stem, q.questionId]),
    );
    const answers = {
      [String(byStem.get('考题：单选'))]: 'B',
      [String(byStem.get('考题：多选'))]: ['A', 'C'],
      [String(byStem.get('考题：判断'))]: true,
      [String(byStem.get('考题：填空 ____'))]: ['　四个 意识 '],
    };
    const submitted = await as.dangyuan!.request(
      'POST',
      `/api/v1/study/my/attempts/${started.json.id}/submit`,
      { answers },
    );
    expect(submitted.status).toBe(200);
    // Partial multiple choice scores nothing under the default rule: 2 + 0 + 2 + 2.
    expect(submitted.json.score).toBe(6);
    expect(submitted.json.passed).toBe(true);
    expect(submitted.json.review).toHaveLength(4);

    const twice = await as.dangyuan!.request('POST', `/api/v1/study/my/attempts/${started.json.id}/submit`, {
      answers,
    });
    expect(twice.status).toBe(409);
    const again = await as.dangyuan!.request('POST', `/api/v1/study/my/exams/${examId}/start`);
    expect(again.status).toBe(409);
    expect(again.json.message).toMatch('作答次数');
    await expectRollupsConsistent();
  });

  it('refuses a submission after the time limit', async () => {
    const bank = await as.shuji!.request('GET', `/api/v1/study/questions?orgId=${facts.branchId}&type=judge`);
    const exam = await as.shuji!.request('POST', '/api/v1/study/exams', {
      orgId: facts.branchId,
      title: '限时测试',
      opensAt: '2026-11-19T00:00:00+08:00',
      closesAt: '2026-11-30T23:59:00+08:00',
      durationMinutes: 5,
      passScore: 1,
      questionIds: [bank.json.rows[0].id],
    });
    const started = await as.dangyuan!.request('POST', `/api/v1/study/my/exams/${exam.json.id}/start`);
    ctx.clock.advance(7 * 60_000);
    try {
      const late = await as.dangyuan!.request('POST', `/api/v1/study/my/attempts/${started.json.id}/submit`, {
        answers: {},
      });
      expect(late.status).toBe(409);
      expect(late.json.message).toMatch('超过作答时间');
    } finally {
      ctx.clock.set('2026-11-20');
    }
  });

  it('gives per-member and per-branch results and the supervisor’s coverage', async () => {
    const results = await as.shuji!.request(
      'GET',
      `/api/v1/study/exams/${examId}/results?orgId=${facts.branchId}`,
    );
    expect(results.status).toBe(200);
    const me = results.json.members.find((m: { memberId: number }) => m.memberId === facts.members.dangyuan);
    expect(me.bestScore).toBe(6);
    const coverage = await as.gongwei!.request(
      'GET',
      `/api/v1/study/coverage?orgId=${facts.rootId}&year=${YEAR}`,
    );
    expect(coverage.status).toBe(200);
    expect(coverage.json.org.examTakers).toBeGreaterThanOrEqual(1);
    expect(coverage.json.org.members).toBeGreaterThan(0);
    expect(coverage.json.children.length).toBe(4);
    const sum = coverage.json.children.reduce((s: number, c: { members: number }) => s + c.members, 0);
    expect(sum).toBe(coverage.json.org.members);
  });
});

describe('points', () => {
  const rules = (session: number) => ({
    session: { points: session, perDayMax: null },
    selfStudy: { points: 0, perDayMax: null },
    reflection: { points: 0, perDayMax: null },
    dailyRead: { points: 0, perDayMax: null },
    examPassed: { points: 0, perDayMax: null },
  });
  const boardPoints = async (memberId: number) => {
    const board = await as.shuji!.request(
      'GET',
      `/api/v1/study/leaderboard?orgId=${facts.branchId}&year=${YEAR}`,
    );
    expect(board.status).toBe(200);
    return board.json.rows.find((r: { memberId: number }) => r.memberId === memberId).points as number;
  };

  it('lists the points by name, never as a ranking (2026 rules against ranking features)', async () => {
    const board = await as.shuji!.request(
      'GET',
      `/api/v1/study/leaderboard?orgId=${facts.branchId}&year=${YEAR}`,
    );
    const names: string[] = board.json.rows.map((r: { name: string }) => r.name);
    expect(names.length).toBeGreaterThan(3);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh').compare));
    const points: number[] = board.json.rows.map((r: { points: number }) => r.points);
    // The demo branch's points differ, so an order by points would show here.
    expect(points).not.toEqual([...points].sort((a, b) => b - a));
  });

  it('counts the leaderboard by the nearest org’s own rules, validated and only by those allowed', async () => {
    const [counted] = await queryRows<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from study_hours
          where source = 'session' and member_id = ${facts.members.dangyuan} and year = ${YEAR}`,
    );
    const sessions = counted!.n;
    expect(sessions).toBeGreaterThan(0);
    const defaults = await boardPoints(facts.members.dangyuan);

    // A supervisor reads the study desk but does not set it; the installation's administrator may.
    const supervisor = await as.gongwei!.request('PUT', '/api/v1/study/settings', {
      orgId: facts.unitIds[0],
      pointRules: rules(1),
    });
    expect(supervisor.status).toBe(403);
    const unit = await as.admin!.request('PUT', '/api/v1/study/settings', {
      orgId: facts.unitIds[0],
      pointRules: rules(1),
    });
    expect(unit.status).toBe(200);
    expect(await boardPoints(facts.members.dangyuan)).toBe(sessions);
    const inherited = await as.shuji!.request('GET', `/api/v1/study/settings?orgId=${facts.branchId}`);
    expect(inherited.json.ownRules).toBe(false);
    expect(inherited.json.rulesFromOrgName).toBeTruthy();
    expect(inherited.json.rules.find((r: { action: string }) => r.action === 'session').points).toBe(1);

    const own = await as.shuji!.request('PUT', '/api/v1/study/settings', {
      orgId: facts.branchId,
      pointRules: rules(3),
    });
    expect(own.status).toBe(200);
    expect(own.json.ownRules).toBe(true);
    expect(await boardPoints(facts.members.dangyuan)).toBe(3 * sessions);

    for (const bad of [-1, 1.5, 101]) {
      const r = await as.shuji!.request('PUT', '/api/v1/study/settings', {
        orgId: facts.branchId,
        pointRules: rules(bad),
      });
      expect(r.status).toBe(400);
    }
    const member = await as.dangyuan!.request('PUT', '/api/v1/study/settings', {
      orgId: facts.branchId,
      pointRules: rules(50),
    });
    expect(member.status).toBe(403);
    expect(await boardPoints(facts.members.dangyuan)).toBe(3 * sessions);

    // Dropping the branch's own rules falls back to the unit's; dropping those to the defaults.
    await as.shuji!.request('PUT', '/api/v1/study/settings', { orgId: facts.branchId, pointRules: null });
    expect(await boardPoints(facts.members.dangyuan)).toBe(sessions);
    await as.admin!.request('PUT', '/api/v1/study/settings', { orgId: facts.unitIds[0], pointRules: null });
    expect(await boardPoints(facts.members.dangyuan)).toBe(defaults);
    const mine = await as.dangyuan!.request('GET', `/api/v1/study/my/overview?year=${YEAR}`);
    expect(mine.json.points.total).toBe(defaults);
  });

  it('shows points with the notice, and none at all once switched off for the org', async () => {
    const on = await as.dangyuan!.request('GET', `/api/v1/study/my/overview?year=${YEAR}`);
    expect(on.json.points.total).toBeGreaterThan(0);
    expect(on.json.pointsNotice).toMatch('不作为考核');
    const off = await as.shuji!.request('PUT', '/api/v1/study/settings', {
      orgId: facts.branchId,
      pointsEnabled: false,
    });
    expect(off.status).toBe(200);
    const after = await as.dangyuan!.request('GET', `/api/v1/study/my/overview?year=${YEAR}`);
    expect(after.json.points).toBeNull();
    const board = await as.shuji!.request(
      'GET',
      `/api/v1/study/leaderboard?orgId=${facts.branchId}&year=${YEAR}`,
    );
    expect(board.json.enabled).toBe(false);
    expect(board.json.rows).toEqual([]);
  });
});

describe('the daily job', () => {
  it('reconciles member years and rollups and reminds members under the norm on a reminder day', async () => {
    ctx.clock.set('2026-12-10');
    try {
      await ctx.services.jobs.runDue();
      const items = await queryRows<{ kind: string; n: number }>(
        ctx.deps.db,
        sql`select kind, count(*)::int as n from inbox_items where kind like 'study.%' group by kind`,
      );
      const kinds = new Map(items.map((i) => [i.kind, i.n]));
      expect(kinds.get('study.hours')).toBeGreaterThan(0);
      expect(kinds.get('study.hoursDigest')).toBeGreaterThan(0);
      await expectRollupsConsistent();
    } finally {
      ctx.clock.set('2026-11-20');
    }
    // Every active member counts in coverage, not only those with hours.
    const coverage = await as.gongwei!.request(
      'GET',
      `/api/v1/study/coverage?orgId=${facts.rootId}&year=${YEAR}`,
    );
    expect(coverage.json.org.members).toBeGreaterThan(100);
  });
});

async function selfStudyFile(rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('自学记录');
  s.addRow(['*姓名', '身份证后四位', '手机号', '*学习日期', '*学习内容', '*学时', '来源']);
  for (const r of rows) s.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function dangyuanIdentity() {
  const [row] = await queryRows<{ name: string; id_card_masked: string; phone: string | null }>(
    ctx.deps.db,
    sql`select name, id_card_masked, phone from members where id = ${facts.members.dangyuan}`,
  );
  return { name: row!.name, last4: row!.id_card_masked.slice(-4), phone: row!.phone };
}

async function importSelfStudy(file: Buffer, client = as.shuji!, orgId = facts.branchId) {
  const { payload, headers } = multipartFile(file, '自学记录.xlsx');
  return client.inject({
    method: 'POST',
    url: `/api/v1/study/self-study/import?orgId=${orgId}`,
    payload,
    headers,
  });
}

describe('self-study import', () => {
  it('offers a template whose headers the import reads', async () => {
    const r = await as.shuji!.inject({ method: 'GET', url: '/api/v1/study/self-study/template' });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('*姓名');
  });

  it('writes nothing when any row is wrong, and names the row, column and reason of each problem', async () => {
    const me = await dangyuanIdentity();
    const before = await myHours(as.dangyuan!);
    const file = await selfStudyFile([
      [me.name, me.last4, null, '2026-10-08', '网络课程：党史学习', 2, '网络学习平台'],
      ['查无此人', '1234', null, '2026-10-08', '网络课程：党史学习', 2, null],
      [me.name, null, null, '2026-10-09', '网络课程：无身份', 1, null],
      [me.name, me.last4, null, '2026-12-31', '网络课程：未来', 1, null],
      [me.name, me.last4, null, '2026-10-10', '网络课程：学时过细', 1.25, null],
      [me.name, me.last4, null, '2026-10-08', '网络课程：党史学习', 2, '网络学习平台'],
      [me.name, me.last4, null, '2026-10-11', '网络课程：来源', 1, '朋友圈'],
    ]);
    const r = await importSelfStudy(file);
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.message).toMatch('未导入任何记录');
    const problems = body.errors.map((e: { row: number; column: string }) => [e.row, e.column]);
    expect(problems).toEqual([
      [3, '姓名'],
      [4, '身份证后四位'],
      [5, '学习日期'],
      [6, '学时'],
      [7, '学习内容'],
      [8, '来源'],
    ]);
    expect(body.errors.find((e: { row: number }) => e.row === 7).message).toMatch('第 2 行');
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before);
    const logs = await as.dangyuan!.request('GET', `/api/v1/study/my/self-study?year=${YEAR}`);
    expect(logs.json.rows.some((l: { title: string }) => l.title === '网络课程：党史学习')).toBe(false);
  });

  it('credits the hours of a good file like a member’s own entry, and refuses the same file again', async () => {
    const me = await dangyuanIdentity();
    const before = await myHours(as.dangyuan!);
    const rows: (string | number | null)[][] = [
      [me.name, me.last4, null, '2026-10-08', '网络课程：党史学习', 2, '网络学习平台'],
      [
        me.name,
        null,
        me.phone,
        new Date(Date.UTC(2026, 9, 9)) as unknown as string,
        '网络课程：党章',
        1.5,
        null,
      ],
    ];
    const file = await selfStudyFile(rows);
    const other = await importSelfStudy(file, as.shuji2!);
    expect(other.statusCode).toBe(404);
    const r = await importSelfStudy(file);
    expect(r.statusCode).toBe(200);
    expect(r.json().imported).toBe(2);
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before + 3.5);
    const logs = await as.dangyuan!.request('GET', `/api/v1/study/my/self-study?year=${YEAR}`);
    const titles = logs.json.rows.map((l: { title: string; source: string; date: string }) => [
      l.title,
      l.source,
      l.date,
    ]);
    expect(titles).toContainEqual(['网络课程：党章', '网络学习平台', '2026-10-09']);
    await expectRollupsConsistent();
    const again = await importSelfStudy(file);
    expect(again.statusCode).toBe(400);
    expect(again.json().errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(await myHours(as.dangyuan!)).toBeCloseTo(before + 3.5);
  });
});

describe('the study ledger', () => {
  it('holds the year’s sessions, every member’s hours, reflections and exams of the branch', async () => {
    const r = await as.shuji!.request('GET', `/api/v1/study/ledger?orgId=${facts.branchId}&year=${YEAR}`);
    expect(r.status).toBe(200);
    const ledger = r.json;
    const sessions = await as.shuji!.request(
      'GET',
      `/api/v1/study/sessions?orgId=${facts.branchId}&year=${YEAR}`,
    );
    const held = sessions.json.rows.filter((s: { status: string }) => s.status === 'held');
    expect(ledger.sessions.map((s: { id: number }) => s.id).sort()).toEqual(
      held.map((s: { id: number }) => s.id).sort(),
    );
    for (const s of ledger.sessions) {
      const listed = held.find((h: { id: number }) => h.id === s.id);
      expect([s.present, s.expected]).toEqual([listed.present, listed.expected]);
      expect(s.absentees).toHaveLength(s.expected - s.present);
    }
    const dates = ledger.sessions.map((s: { date: string }) => s.date);
    expect(dates).toEqual([...dates].sort());
    const charter = ledger.sessions.find((s: { title: string }) => s.title === '学习党章专题');
    expect(charter).toMatchObject({ kind: '集中学习', hours: 2.5, present: 2, date: '2026-11-10' });

    const hours = await as.shuji!.request('GET', `/api/v1/study/hours?orgId=${facts.branchId}&year=${YEAR}`);
    expect(ledger.members).toHaveLength(hours.json.rows.length);
    for (const m of ledger.members) {
      const row = hours.json.rows.find((h: { memberId: number }) => h.memberId === m.memberId);
      expect(m.totalHours).toBeCloseTo(row.hours);
      expect(m.collectiveHours + m.selfHours).toBeCloseTo(m.totalHours);
      expect(m.met).toBe(m.totalHours >= m.norm);
    }
    const dangyuan = ledger.members.find((m: { memberId: number }) => m.memberId === facts.members.dangyuan);
    expect(dangyuan.selfHours).toBeGreaterThanOrEqual(3.5);
    expect(ledger.totals.membersMet).toBe(hours.json.reached);

    const reflections = await as.shuji!.request('GET', `/api/v1/study/reflections?orgId=${facts.branchId}`);
    const thisYear = reflections.json.rows.filter((x: { submittedAt: string }) =>
      x.submittedAt.startsWith(String(YEAR)),
    );
    expect(ledger.reflections).toHaveLength(thisYear.length);
    expect(ledger.exams.map((e: { title: string }) => e.title)).toContain('第四季度应知应会测试');
  });

  it('refuses another branch’s secretary', async () => {
    const r = await as.shuji2!.request('GET', `/api/v1/study/ledger?orgId=${facts.branchId}&year=${YEAR}`);
    expect(r.status).toBe(404);
    const x = await as.shuji2!.inject({
      method: 'GET',
      url: `/api/v1/study/ledger.xlsx?orgId=${facts.branchId}&year=${YEAR}`,
    });
    expect(x.statusCode).toBe(404);
  });

  it('exports a workbook with one sheet per section', async () => {
    const r = await as.shuji!.inject({
      method: 'GET',
      url: `/api/v1/study/ledger.xlsx?orgId=${facts.branchId}&year=${YEAR}`,
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('学习教育台账.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['学习活动', '党员学时', '心得体会', '考试成绩']);
    const sessions = wb.getWorksheet('学习活动')!;
    const titles: string[] = [];
    sessions.eachRow((row, n) => {
      if (n > 2) titles.push(String(row.getCell(4).value));
    });
    expect(titles).toContain('学习党章专题');
  });
});
