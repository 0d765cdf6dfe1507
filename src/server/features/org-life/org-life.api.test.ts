import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actorFor,
  createTestApi,
  createTestContext,
  type TestClient,
  type TestContext,
} from '../../testing/harness';

/**
 * The module through HTTP on the demo installation (today 2026-11-20): every route answers in its declared
 * schema, scope holds at the edge, files come out as real Word and Excel documents.
 */
let ctx: TestContext;
let api: Awaited<ReturnType<typeof createTestApi>>;
let filesDir: string;
const as: Record<string, TestClient> = {};

beforeAll(async () => {
  ctx = await createTestContext({ demo: true });
  filesDir = mkdtempSync(path.join(tmpdir(), 'zhibu-files-'));
  ctx.deps.config.filesDir = filesDir;
  api = await createTestApi(ctx);
  for (const login of ['admin', 'gongwei', 'jiguan', 'shuji', 'shuji2', 'dangyuan'])
    as[login] = await api.login(login);
});
afterAll(async () => {
  await api.app.close();
  await ctx.close();
  rmSync(filesDir, { recursive: true, force: true });
});

async function myBranch(client: TestClient): Promise<number> {
  const me = await client.request('GET', '/api/v1/auth/me');
  return me.json.roles[0].orgId;
}

/** One entry of a ZIP file (Office documents are ZIP containers). */
function zipEntry(buf: Buffer, name: string): string | null {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let off = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const nameLen = buf.readUInt16LE(off + 28);
    const entry = buf.toString('utf8', off + 46, off + 46 + nameLen);
    if (entry === name) {
      const local = buf.readUInt32LE(off + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + buf.readUInt32LE(off + 20));
      return (buf.readUInt16LE(off + 10) === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    off += 46 + nameLen + buf.readUInt16LE(off + 30) + buf.readUInt16LE(off + 32);
  }
  return null;
}

function multipart(fileName: string, bytes: Buffer) {
  const boundary = `----zhibu${randomBytes(8).toString('hex')}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
]);

describe('a secretary running a sitting through the API', () => {
  it('plans, records with attendance and minutes, and exports the minutes as a Word document', async () => {
    const shuji = as.shuji!;
    const branchId = await myBranch(shuji);
    const preview = await shuji.request(
      'GET',
      `/api/v1/meetings/expected?orgId=${branchId}&date=2026-11-27&types=支部党员大会`,
    );
    expect(preview.status).toBe(200);
    expect(preview.json.attendees.length).toBeGreaterThan(2);
    const planned = await shuji.request('POST', '/api/v1/meetings', {
      orgId: branchId,
      status: 'planned',
      types: ['支部党员大会', '党课'],
      date: '2026-11-19',
      startTime: '14:30',
      endTime: '16:30',
      place: '党员活动室',
      hostName: '书记',
      topic: '学习贯彻全会精神',
    });
    expect(planned.status).toBe(200);
    expect(planned.json).toMatchObject({ phase: 'planned', types: ['支部党员大会', '党课'] });
    const [first, second] = planned.json.attendees;
    const recorded = await shuji.request('PATCH', `/api/v1/meetings/${planned.json.id}`, {
      status: 'held',
      lecturerName: '书记',
      recorderName: '组织委员',
      agenda: '1. 专题党课\n2. 讨论接收预备党员',
      minutes: '书记讲授专题党课。\n与会党员讨论发言。',
      resolutions: '同意接收预备党员一名。',
      votes: [{ matter: '接收预备党员', inFavour: 1, against: 0, abstain: 0 }],
      attendance: [
        { memberId: first.memberId, attendance: 'present' },
        { memberId: second.memberId, attendance: 'absent', absenceReason: '病假' },
      ],
    });
    expect(recorded.status).toBe(200);
    expect(recorded.json.phase).toBe('held');
    expect(recorded.json.warnings.map((w: { code: string }) => w.code)).toContain('VOTE_NOT_PASSED');

    const docx = await shuji.inject({
      method: 'GET',
      url: `/api/v1/meetings/${planned.json.id}/minutes.docx`,
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = zipEntry(docx.rawPayload, 'word/document.xml');
    expect(xml).toContain(`${recorded.json.title} 会议记录`);
    expect(xml).toContain('缺席人员及原因');
    expect(xml).toContain(`${second.name}（病假）`);
  });

  it('takes photos and documents checked by their bytes, serves them only within scope, and stores each content once', async () => {
    const shuji = as.shuji!;
    const branchId = await myBranch(shuji);
    const list = await shuji.request('GET', `/api/v1/meetings?orgId=${branchId}&status=held&pageSize=1`);
    const meetingId = list.json.rows[0].id;
    const up = await shuji.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/attachments`,
      ...multipart('现场照片.png', PNG),
    });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ fileName: '现场照片.png', mimeType: 'image/png', size: PNG.length });
    const again = await shuji.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/attachments`,
      ...multipart('copy.png', PNG),
    });
    expect(again.json().sha256).toBe(up.json().sha256);
    expect(readdirSync(path.join(filesDir, up.json().sha256.slice(0, 2)))).toEqual([up.json().sha256]);

    const exe = await shuji.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/attachments`,
      ...multipart('photo.png', Buffer.from('MZ\x90\x00 not an image')),
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().message).toContain('不支持的文件类型');
    const huge = await shuji.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/attachments`,
      ...multipart('big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024)])),
    });
    expect(huge.statusCode).toBe(413);
    const scan = await shuji.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/attachments`,
      ...multipart(
        '会议签到表扫描件.pdf',
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024, 32)]),
      ),
    });
    expect(scan.statusCode).toBe(200);
    expect(scan.json().mimeType).toBe('application/pdf');

    const mine = await shuji.inject({ method: 'GET', url: up.json().url });
    expect(mine.statusCode).toBe(200);
    expect(Buffer.compare(mine.rawPayload, PNG)).toBe(0);
    const stranger = await as.shuji2!.inject({ method: 'GET', url: up.json().url });
    expect(stranger.statusCode).toBe(404);
    // Nobody outside scope gets bytes onto the disk, not even for a moment.
    const foreign = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('来自其他支部的文件')]);
    const intruder = await as.shuji2!.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/attachments`,
      ...multipart('other.pdf', foreign),
    });
    expect(intruder.statusCode).toBe(404);
    const foreignHash = createHash('sha256').update(foreign).digest('hex');
    expect(existsSync(path.join(filesDir, foreignHash.slice(0, 2), foreignHash))).toBe(false);
    const removed = await shuji.request('DELETE', `/api/v1/meeting-attachments/${again.json().id}`);
    expect(removed.status).toBe(200);
  });
});

describe('scope at the edge', () => {
  it('answers 404 to a secretary for another branch and 403 to a member for the meeting lists', async () => {
    const otherBranch = await myBranch(as.shuji2!);
    const theirs = await as.shuji2!.request('GET', `/api/v1/meetings?orgId=${otherBranch}&pageSize=1`);
    const id = theirs.json.rows[0].id;
    expect((await as.shuji!.request('GET', `/api/v1/meetings/${id}`)).status).toBe(404);
    expect((await as.shuji!.request('PATCH', `/api/v1/meetings/${id}`, { minutes: 'x' })).status).toBe(404);
    expect((await as.shuji!.request('DELETE', `/api/v1/meetings/${id}`)).status).toBe(404);
    expect((await as.shuji!.request('GET', `/api/v1/meetings?orgId=${otherBranch}`)).status).toBe(404);
    expect(
      (await as.shuji!.inject({ method: 'GET', url: `/api/v1/meetings/${id}/minutes.docx` })).statusCode,
    ).toBe(404);
    expect((await as.dangyuan!.request('GET', '/api/v1/meetings')).status).toBe(403);
    expect((await as.dangyuan!.request('GET', `/api/v1/meetings/${id}`)).status).toBe(404);
    expect(
      (await as.jiguan!.request('GET', `/api/v1/org-life/dashboard?orgId=${otherBranch}&period=2026`)).status,
    ).toBe(404);
    expect(
      (
        await as.gongwei!.request('POST', '/api/v1/meetings', {
          orgId: otherBranch,
          types: ['主题党日'],
          date: '2026-11-30',
          startTime: '09:00',
          endTime: '10:00',
        })
      ).status,
    ).toBe(403);
  });
});

describe('the member side', () => {
  it("shows a member today's sitting, lets them sign in inside the window, and lists their attendance", async () => {
    const member = as.dangyuan!;
    const upcoming = await member.request('GET', '/api/v1/my/meetings?when=upcoming');
    expect(upcoming.status).toBe(200);
    const today = upcoming.json.rows.find((r: { date: string }) => r.date === '2026-11-20');
    expect(today).toMatchObject({ startTime: '14:30', canSignIn: false, myAttendance: 'unknown' });
    expect((await member.request('POST', `/api/v1/my/meetings/${today.id}/sign-in`)).status).toBe(400);
    // At 14:15 (through the service: moving the clock past the idle timeout would end every session).
    ctx.clock.advance(4.25 * 3600_000);
    try {
      const signed = await ctx.services.meetings.signIn(await actorFor(ctx, 'dangyuan'), today.id);
      expect(signed.attendance).toBe('present');
    } finally {
      ctx.clock.set('2026-11-20');
    }
    const history = await member.request('GET', '/api/v1/my/attendance?year=2026');
    expect(history.status).toBe(200);
    expect(history.json.expected).toBeGreaterThan(5);
    const detail = await member.request('GET', `/api/v1/meetings/${today.id}`);
    expect(detail.json.mine).toMatchObject({ attendance: 'present' });
    const inbox = await member.request('GET', '/api/v1/inbox');
    expect(inbox.json.rows.some((r: { kind: string }) => r.kind === 'meeting.planned')).toBe(true);
  });
});

describe('the supervisor', () => {
  it('sees a branch turn from 逾期 to 已完成 in the heat map once the missing sitting is recorded', async () => {
    const overdue = await as.gongwei!.request(
      'GET',
      '/api/v1/org-life/dashboard/branches?orgId=1&period=2026-10&status=逾期',
    );
    expect(overdue.status).toBe(200);
    expect(overdue.json.total).toBeGreaterThan(0);
    const row = overdue.json.rows[0];
    const type = Object.entries(row.cells).find(([, c]) => (c as { status: string }).status === '逾期')![0];
    const before = await as.gongwei!.request('GET', '/api/v1/org-life/dashboard?orgId=1&period=2026-10');
    expect(before.status).toBe(200);
    const recorded = await as.admin!.request('POST', '/api/v1/meetings', {
      orgId: row.org.id,
      status: 'held',
      types: [type],
      date: '2026-10-28',
      startTime: '09:00',
      endTime: '10:00',
      lecturerName: '书记',
      topic: '补课',
    });
    expect(recorded.status).toBe(200);
    const after = await as.gongwei!.request(
      'GET',
      `/api/v1/org-life/dashboard/branches?orgId=1&period=2026-10&pageSize=200`,
    );
    const cell = after.json.rows.find((r: { org: { id: number } }) => r.org.id === row.org.id).cells[type];
    expect(cell.status).toBe('已完成');
    const totals = await as.gongwei!.request('GET', '/api/v1/org-life/dashboard?orgId=1&period=2026-10');
    expect(totals.json.totals[type].overdue).toBe(before.json.totals[type].overdue - 1);
    expect(totals.json.trend).toHaveLength(12);
    expect(totals.json.rows.length).toBe(4);
  });

  it('drills down from the root to a branch and its compliance for the year', async () => {
    const root = await as.gongwei!.request('GET', '/api/v1/org-life/dashboard?orgId=1&period=2026');
    const unit = root.json.rows[0].org;
    expect(unit.hasChildren).toBe(true);
    const level = await as.gongwei!.request(
      'GET',
      `/api/v1/org-life/dashboard?orgId=${unit.id}&period=2026-Q3`,
    );
    expect(level.status).toBe(200);
    const branch = level.json.rows.find((r: { org: { type: string } }) => r.org.type === '党支部').org;
    const compliance = await as.gongwei!.request(
      'GET',
      `/api/v1/org-life/compliance?orgId=${branch.id}&year=2026`,
    );
    expect(compliance.status).toBe(200);
    expect(compliance.json.evaluations.length).toBeGreaterThan(10);
    expect(compliance.json.secretaryLecture).not.toBeNull();
    const meetingId = compliance.json.evaluations.find(
      (e: { meetingIds: number[] }) => e.meetingIds.length > 0,
    ).meetingIds[0];
    expect((await as.gongwei!.request('GET', `/api/v1/meetings/${meetingId}`)).status).toBe(200);
    const calendar = await as.gongwei!.request(
      'GET',
      `/api/v1/meetings/calendar?orgId=${unit.id}&from=2026-11-01&to=2026-11-30`,
    );
    expect(calendar.status).toBe(200);
    expect(calendar.json.meetings.length).toBeGreaterThan(3);
    expect(calendar.json.truncated).toBe(false);
    expect(
      (await as.gongwei!.request('GET', '/api/v1/meetings/calendar?orgId=1&from=2025-01-01&to=2026-12-31'))
        .status,
    ).toBe(400);
  });

  it("exports the year's ledger as Excel with a sheet per meeting type, and as JSON for the print view", async () => {
    const branchId = await myBranch(as.shuji!);
    const ledger = await as.shuji!.request('GET', `/api/v1/org-life/ledger?orgId=${branchId}&year=2026`);
    expect(ledger.status).toBe(200);
    expect(ledger.json.sections.map((s: { meetingType: string }) => s.meetingType)).toEqual(
      expect.arrayContaining(['支部党员大会', '支委会', '主题党日', '党小组会']),
    );
    const file = await as.shuji!.inject({
      method: 'GET',
      url: `/api/v1/org-life/ledger.xlsx?orgId=${branchId}&year=2026`,
    });
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([
      ...ledger.json.sections.map((s: { meetingType: string }) => s.meetingType),
      '达标情况',
    ]);
    const sheet = wb.getWorksheet('主题党日')!;
    expect(String(sheet.getCell(1, 1).value)).toContain('2026年主题党日台账');
    expect(sheet.getCell(2, 3).value).toBe('日期');
    expect(sheet.rowCount).toBe(
      2 + ledger.json.sections.find((s: { meetingType: string }) => s.meetingType === '主题党日').rows.length,
    );
  });
});

describe('rulebook and settings through the API', () => {
  it('refuses a loosening with the national rule cited, and lets the root supervisor tighten and retire', async () => {
    const loose = await as.gongwei!.request('POST', '/api/v1/org-life/rulebook/overrides', {
      orgId: 1,
      meetingType: '支部党员大会',
      unit: 'half',
      minCount: 1,
      regulation: '放宽',
      validFrom: '2026-12-01',
    });
    expect(loose.status).toBe(400);
    expect(loose.json.message).toContain('不能放宽全国规定：《中国共产党支部工作条例（试行）》第十一条');
    const tight = await as.gongwei!.request('POST', '/api/v1/org-life/rulebook/overrides', {
      orgId: 1,
      meetingType: '党课',
      unit: 'month',
      minCount: 1,
      regulation: '工委规定：党课每月1次',
      validFrom: '2026-12-01',
    });
    expect(tight.status).toBe(200);
    const fromBranch = await as.shuji!.request(
      'GET',
      `/api/v1/org-life/rulebook?orgId=${await myBranch(as.shuji!)}`,
    );
    expect(fromBranch.json.overrides[0]).toMatchObject({ regulation: '工委规定：党课每月1次', own: false });
    expect(fromBranch.json.canTighten).toBe(false);
    const retired = await as.gongwei!.request(
      'POST',
      `/api/v1/org-life/rulebook/overrides/${tight.json.overrides[0].id}/retire`,
      {
        validTo: '2027-01-01',
      },
    );
    expect(retired.status).toBe(200);
    expect(retired.json.overrides[0].validTo).toBe('2027-01-01');
    expect(
      (await as.shuji!.request('POST', '/api/v1/org-life/rulebook/overrides', { ...tight.json, orgId: 1 }))
        .status,
    ).toBe(400);
  });

  it('shows the settings to readers and lets only the tree-wide supervisor change them', async () => {
    const read = await as.shuji!.request(
      'GET',
      `/api/v1/org-life/settings?orgId=${await myBranch(as.shuji!)}`,
    );
    expect(read.json).toMatchObject({
      lockAfterDays: 30,
      reminderLeadDays: 7,
      trackingSince: '2025-12-01',
      canEdit: false,
    });
    expect(
      (await as.jiguan!.request('PUT', '/api/v1/org-life/settings', { orgId: 1, lockAfterDays: 60 })).status,
    ).toBe(404);
    const changed = await as.gongwei!.request('PUT', '/api/v1/org-life/settings', {
      orgId: 1,
      reminderLeadDays: 10,
    });
    expect(changed.json).toMatchObject({ reminderLeadDays: 10, canEdit: true });
    const rebuilt = await as.admin!.request('POST', '/api/v1/org-life/rollups/rebuild', { orgId: 1 });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.json.rows).toBeGreaterThan(100);
  });
});
