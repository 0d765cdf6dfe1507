import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearestRow } from '../../domain/inherited-settings';
// A real settings table of the migrated schema; the module contract types its tables only as unknown.
import { duesSettings } from '../features/dues/dues.table';
import { createTestContext, type TestContext } from '../testing/harness';
import { addOrg } from '../testing/trees';
import { settingsOnChain } from './inherited-settings';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const settingsRow = (org: { id: number; tenantId: number; path: string }, reminderLeadDays: number) => ({
  orgId: org.id,
  tenantId: org.tenantId,
  orgPath: org.path,
  rounding: '分',
  allowPrepay: false,
  reminderLeadDays,
});

describe('setting rows on an org chain', () => {
  it('loads the rows of the org and of every org above it, and none beside or below it', async () => {
    const root = await addOrg(ctx, null, '测试市直机关工委', '工委');
    const unit = await addOrg(ctx, root, '中共测试局机关委员会', '机关党委');
    const branch = await addOrg(ctx, unit, '中共测试局第一支部委员会', '党支部');
    const other = await addOrg(ctx, unit, '中共测试局第二支部委员会', '党支部');
    const group = await addOrg(ctx, branch, '第一党小组', '党小组');
    await ctx.deps.db
      .insert(duesSettings)
      .values([settingsRow(root, 1), settingsRow(branch, 2), settingsRow(other, 3), settingsRow(group, 4)]);

    const { chain, rows } = await settingsOnChain(ctx.deps.db, duesSettings, branch.path);

    expect(chain).toEqual([root.id, unit.id, branch.id]);
    expect(rows.map((r) => r.reminderLeadDays).sort()).toEqual([1, 2]);
    expect(nearestRow(chain, rows)?.orgId).toBe(branch.id);
  });

  it('finds nothing for the tree above every root', async () => {
    expect(await settingsOnChain(ctx.deps.db, duesSettings, '/')).toEqual({ chain: [], rows: [] });
  });
});
