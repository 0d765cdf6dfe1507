import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, memberInput } from '../../testing/factories';
import { createTestContext, type TestContext } from '../../testing/harness';
import { smallTree } from '../../testing/trees';
import { inboxItemsOf } from '../inbox';
import { acceptanceDaysEndingOn, MemberFlowJob, PROBATION_DUE } from './members.job';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const runOn = (date: string, today = date) => new MemberFlowJob(ctx.deps).run(date, { today });

async function remindersAbout(accountId: number, name: string) {
  return (await inboxItemsOf(ctx.deps.db, accountId)).filter(
    (i) => i.kind === PROBATION_DUE && i.title.startsWith(name),
  );
}

describe('the 预备期满 timer', () => {
  it('reminds the secretaries over the branch on the day the 预备期 ends, once', async () => {
    const t = await smallTree(ctx);
    const input = memberInput(t.group.id, { joinedOn: '2025-10-01', confirmedOn: null });
    const created = await ctx.services.members.create(ADMIN, input);
    expect(created.status).toBe('预备党员');

    await runOn('2026-09-30');
    expect(await remindersAbout(t.secretary.accountId, input.name)).toHaveLength(0);

    await runOn('2026-10-01');
    const [item, ...more] = await remindersAbout(t.secretary.accountId, input.name);
    expect(more).toHaveLength(0);
    expect(item).toMatchObject({ dueOn: '2026-10-01', title: `${input.name}预备期满` });
    expect(item!.body).toContain('《中国共产党章程》第七条');
    // The other branch's secretary and the member themselves hear nothing of it.
    expect(await remindersAbout(t.otherSecretary.accountId, input.name)).toHaveLength(0);
    expect(await remindersAbout(t.member.accountId, input.name)).toHaveLength(0);

    await runOn('2026-10-01');
    await runOn('2026-10-02');
    expect(await remindersAbout(t.secretary.accountId, input.name)).toHaveLength(1);
  });

  it('says nothing on a caught-up past day, nor for a member already 转正', async () => {
    const t = await smallTree(ctx);
    const late = memberInput(t.branch.id, { joinedOn: '2025-11-03', confirmedOn: null });
    await ctx.services.members.create(ADMIN, late);
    await runOn('2026-11-03', '2026-11-05');
    expect(await remindersAbout(t.secretary.accountId, late.name)).toHaveLength(0);

    const confirmed = memberInput(t.branch.id, { joinedOn: '2025-11-04', confirmedOn: '2026-11-04' });
    await ctx.services.members.create(ADMIN, confirmed);
    await runOn('2026-11-04');
    expect(await remindersAbout(t.secretary.accountId, confirmed.name)).toHaveLength(0);
  });

  it('ends a 预备期 begun on 29 February on 28 February of the next year', async () => {
    expect(acceptanceDaysEndingOn('2025-02-28')).toEqual(['2024-02-28', '2024-02-29']);
    expect(acceptanceDaysEndingOn('2024-02-28')).toEqual(['2023-02-28']);
    expect(acceptanceDaysEndingOn('2028-02-29')).toEqual([]);
    const t = await smallTree(ctx);
    const leap = memberInput(t.branch.id, { joinedOn: '2024-02-29', confirmedOn: null });
    await ctx.services.members.create(ADMIN, leap);
    await runOn('2025-02-27');
    expect(await remindersAbout(t.secretary.accountId, leap.name)).toHaveLength(0);
    await runOn('2025-02-28');
    expect(await remindersAbout(t.secretary.accountId, leap.name)).toHaveLength(1);
  });
});
