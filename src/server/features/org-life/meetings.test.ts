import { describe, expect, it } from 'vitest';
import { smallTreeEach } from '../../testing/fixtures';
import { addMembers } from '../../testing/trees';
import { inboxItemsOf } from '../inbox';
import type { TMeetingCreate } from './meetings.schema';

/** Today in these tests is 2026-11-20 (a Friday), 10:00 in Shanghai. */
const { ctx, t } = smallTreeEach();

const sitting = (orgId: number, over: Partial<TMeetingCreate> = {}): TMeetingCreate => ({
  orgId,
  status: 'held',
  types: ['主题党日'],
  date: '2026-11-10',
  startTime: '09:00',
  endTime: '11:00',
  place: '党员活动室',
  hostName: '书记',
  recorderName: '组织委员',
  ...over,
});

describe('planning and recording a meeting', () => {
  it('expects the roster of the branch and its groups on the date, and notifies the expected members who have accounts', async () => {
    const m = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, { status: 'planned', date: '2026-11-27' }),
    );
    expect(m.phase).toBe('planned');
    expect(m.counts.expected).toBe(7);
    expect(m.attendees.map((a) => a.memberId).sort()).toEqual([...t.members, ...t.groupMembers].sort());
    const notices = await inboxItemsOf(ctx.deps.db, t.member.accountId);
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'meeting.planned', link: `/my/meetings/${m.id}`, dueOn: '2026-11-27' }),
    ]);
    const upcoming = await ctx.services.meetings.myMeetings(t.member, {
      when: 'upcoming',
      page: 1,
      pageSize: 10,
    });
    expect(upcoming.rows.map((r) => r.id)).toEqual([m.id]);
  });

  it('counts only who was an active member on the meeting date, and recomputes the list when the date moves', async () => {
    const [leaver, , , , newcomer] = t.members;
    await ctx.services.members.addEvent(t.admin, leaver!, {
      kind: '转出',
      effectiveDate: '2026-06-01',
      counterpartOrg: '外省某机关党委',
    });
    const july = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, { status: 'planned', date: '2026-07-15' }),
    );
    const ids = july.attendees.map((a) => a.memberId);
    expect(ids).not.toContain(leaver);
    expect(ids).toContain(newcomer);
    expect(july.attendees.find((a) => a.memberId === newcomer)?.memberStatus).toBe('预备党员');
    expect(july.counts.entitledToVote).toBe(5);

    const february = await ctx.services.meetings.update(t.secretary, july.id, { date: '2026-02-15' });
    const before = february.attendees.map((a) => a.memberId);
    expect(before).toContain(leaver);
    expect(before).not.toContain(newcomer);
  });

  it('expects only the committee at a 支委会 and warns, citing 第十二条, when half or fewer of it attend', async () => {
    const [a, b, c] = t.members;
    const m = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, {
        types: ['支委会'],
        attendance: [
          { memberId: a!, attendance: 'present' },
          { memberId: b!, attendance: 'absent', absenceReason: '出差' },
          { memberId: c!, attendance: 'absent', absenceReason: '病假' },
        ],
      }),
    );
    expect(m.attendees.map((x) => x.memberId).sort()).toEqual([a, b, c].sort());
    expect(m.warnings).toEqual([
      expect.objectContaining({ code: 'COMMITTEE_QUORUM', rule: expect.stringContaining('第十二条') }),
    ]);
    const fixed = await ctx.services.meetings.update(t.secretary, m.id, {
      attendance: [{ memberId: b!, attendance: 'present' }],
    });
    expect(fixed.warnings).toEqual([]);
    expect(fixed.counts).toMatchObject({ expected: 3, present: 2, absent: 1 });
  });

  it('warns when a 党员大会 decision has a majority of those present but not of the 正式党员 entitled to attend', async () => {
    const present = t.members.slice(0, 4).map((memberId) => ({ memberId, attendance: 'present' as const }));
    const m = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, {
        types: ['支部党员大会'],
        attendance: present,
        votes: [{ matter: '同意接收预备党员', inFavour: 3, against: 1, abstain: 0 }],
      }),
    );
    // Six 正式党员 are entitled (the 预备党员 has no vote); three in favour is not more than half of six.
    expect(m.counts).toMatchObject({ entitledToVote: 6, votersPresent: 4 });
    expect(m.warnings.map((w) => w.code)).toEqual(['VOTE_NOT_PASSED']);
    expect(m.warnings[0]!.rule).toContain('第十一条');
  });

  it('refuses to record a 党课 without lecturer and topic, a future sitting as held, and absence reasons outside the dictionary', async () => {
    await expect(
      ctx.services.meetings.create(t.secretary, sitting(t.branch.id, { types: ['党课'] })),
    ).rejects.toThrow('党课须填写授课人和党课主题');
    await expect(
      ctx.services.meetings.create(t.secretary, sitting(t.branch.id, { date: '2026-11-21' })),
    ).rejects.toThrow(/尚未召开的会议请保存为计划/);
    await expect(
      ctx.services.meetings.create(
        t.secretary,
        sitting(t.branch.id, {
          attendance: [{ memberId: t.members[1]!, attendance: 'absent', absenceReason: '不想来' }],
        }),
      ),
    ).rejects.toThrow(/缺席原因“不想来”不在字典中/);
    await expect(
      ctx.services.meetings.create(t.secretary, sitting(t.group.id, { types: ['支委会'] })),
    ).rejects.toThrow(/党小组只能登记/);
  });

  it('records a planned meeting as held, keeping what members signed in', async () => {
    const planned = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, { status: 'planned', date: '2026-11-20', startTime: '14:30', endTime: '16:30' }),
    );
    ctx.clock.advance(4.5 * 3600_000);
    await ctx.services.meetings.signIn(t.member, planned.id);
    const held = await ctx.services.meetings.update(t.secretary, planned.id, {
      status: 'held',
      minutes: '学习了有关文件。',
      attendance: [{ memberId: t.members[1]!, attendance: 'absent', absenceReason: '公假' }],
    });
    expect(held.phase).toBe('held');
    expect(held.attendees.find((a) => a.memberId === t.members[3])).toMatchObject({ attendance: 'present' });
    expect(held.attendees.find((a) => a.memberId === t.members[3])?.signedInAt).not.toBeNull();
    expect(held.counts).toMatchObject({ present: 1, absent: 1, unknown: 5 });
    await expect(
      ctx.services.meetings.update(t.secretary, planned.id, { status: 'planned' }),
    ).rejects.toThrow('已召开的会议不能改回计划');
  });

  it('takes the roster of the day when a planned meeting is recorded, with whoever joined since planning', async () => {
    const planned = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, { status: 'planned', date: '2026-11-20' }),
    );
    const [newcomer] = await addMembers(ctx, t.branch, [['2026-11-01', null]]);
    const held = await ctx.services.meetings.update(t.secretary, planned.id, { status: 'held' });
    expect(held.counts.expected).toBe(planned.counts.expected + 1);
    expect(held.attendees.map((a) => a.memberId)).toContain(newcomer);
  });
});

describe('locking and amendments', () => {
  it('locks a record 30 days after it was recorded; a correction keeps the original beside the amended record', async () => {
    ctx.clock.set('2026-11-02');
    const m = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, { date: '2026-11-02', minutes: '原始记录' }),
    );
    await expect(
      ctx.services.meetings.amend(t.secretary, m.id, { reason: '笔误', changes: { minutes: 'x' } }),
    ).rejects.toThrow(/可直接修改/);
    ctx.clock.set('2026-12-01');
    expect((await ctx.services.meetings.detail(t.secretary, m.id)).phase).toBe('held');
    ctx.clock.set('2026-12-02');
    const locked = await ctx.services.meetings.detail(t.secretary, m.id);
    expect(locked).toMatchObject({
      phase: 'locked',
      canEdit: false,
      canAmend: true,
      canDelete: false,
      locksOn: '2026-12-02',
    });
    await expect(
      ctx.services.meetings.update(t.secretary, m.id, { minutes: '偷偷改' }),
    ).rejects.toMatchObject({ code: 'LOCKED' });
    await expect(ctx.services.meetings.delete(t.secretary, m.id)).rejects.toMatchObject({ code: 'LOCKED' });

    const amended = await ctx.services.meetings.amend(t.secretary, m.id, {
      reason: '补记会议决议',
      changes: { minutes: '更正后的记录', resolutions: '通过' },
    });
    expect(amended).toMatchObject({
      minutes: '更正后的记录',
      resolutions: '通过',
      phase: 'locked',
      amendmentCount: 1,
    });
    expect(amended.original?.minutes).toBe('原始记录');
    expect(amended.amendments).toEqual([
      expect.objectContaining({
        reason: '补记会议决议',
        before: expect.objectContaining({ minutes: '原始记录' }),
      }),
    ]);
    expect(amended.amendments[0]!.after.minutes).toBe('更正后的记录');
    const audit = await ctx.services.audit.search(t.admin, {
      entity: 'meeting',
      page: 1,
      pageSize: 10,
    });
    expect(audit.rows[0]!.summary).toContain('更正已归档的会议记录');
  });
});

describe('signing in', () => {
  it('accepts a sign-in from half an hour before the start to the end, once, from members on the list only', async () => {
    const m = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, { status: 'planned', date: '2026-11-20', startTime: '14:30', endTime: '16:30' }),
    );
    await expect(ctx.services.meetings.signIn(t.member, m.id)).rejects.toThrow(/签到尚未开始/);
    ctx.clock.advance(4 * 3600_000); // 14:00
    const first = await ctx.services.meetings.signIn(t.member, m.id);
    expect(first.attendance).toBe('present');
    ctx.clock.advance(30 * 60_000);
    expect((await ctx.services.meetings.signIn(t.member, m.id)).signedInAt).toBe(first.signedInAt);
    ctx.clock.advance(2 * 3600_000 + 1000); // 16:30:01
    await expect(ctx.services.meetings.signIn(t.secretary, m.id)).rejects.toThrow(/签到已结束/);
    await expect(ctx.services.meetings.signIn(t.otherSecretary, m.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(ctx.services.meetings.signIn(t.supervisor, m.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('shows a member their attendance history for the year', async () => {
    await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, {
        attendance: [{ memberId: t.members[3]!, attendance: 'absent', absenceReason: '病假' }],
      }),
    );
    await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, {
        date: '2026-10-10',
        attendance: [{ memberId: t.members[3]!, attendance: 'present' }],
      }),
    );
    const mine = await ctx.services.meetings.myAttendance(t.member, 2026);
    expect(mine).toMatchObject({ year: 2026, expected: 2, present: 1, absent: 1 });
    expect(mine.rows[0]).toMatchObject({ date: '2026-11-10', attendance: 'absent', absenceReason: '病假' });
  });
});

describe('scope', () => {
  it('keeps a secretary to their own branch and a member to the meetings they are on', async () => {
    const mine = await ctx.services.meetings.create(t.secretary, sitting(t.branch.id));
    const theirs = await ctx.services.meetings.create(t.otherSecretary, sitting(t.other.id));
    const committee = await ctx.services.meetings.create(
      t.secretary,
      sitting(t.branch.id, { types: ['支委会'] }),
    );
    await expect(ctx.services.meetings.detail(t.secretary, theirs.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      ctx.services.meetings.update(t.secretary, theirs.id, { minutes: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(ctx.services.meetings.delete(t.secretary, theirs.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(ctx.services.meetings.create(t.secretary, sitting(t.other.id))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const listed = await ctx.services.meetings.list(t.secretary, { page: 1, pageSize: 50 });
    expect(listed.rows.map((r) => r.orgId)).not.toContain(t.other.id);
    await expect(
      ctx.services.meetings.list(t.secretary, { orgId: t.other.id, page: 1, pageSize: 50 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    expect((await ctx.services.meetings.detail(t.member, mine.id)).mine).toMatchObject({
      attendance: 'unknown',
    });
    await expect(ctx.services.meetings.detail(t.member, committee.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(ctx.services.meetings.list(t.member, { page: 1, pageSize: 50 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    // A supervisor reads the whole subtree but does not write branch records.
    expect((await ctx.services.meetings.detail(t.supervisor, theirs.id)).canEdit).toBe(false);
    await expect(ctx.services.meetings.create(t.supervisor, sitting(t.branch.id))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
