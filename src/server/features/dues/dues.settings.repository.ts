import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { DEFAULT_DUES_SETTINGS, type DuesSettings, type Rounding } from '../../../domain/dues';
import { nearestRow } from '../../../domain/inherited-settings';
import type { Executor } from '../../db/database';
import { inSubtree, isActiveMember } from '../../scope';
import { settingsOnChain } from '../../settings/inherited-settings';
import { members } from '../members/members.table';
import { orgs } from '../orgs/orgs.table';
import { duesBases, duesSettings } from './dues.table';

export type BasisRow = typeof duesBases.$inferSelect;

/** What a month's amounts are computed from: the settings inherited down the tree, and the members' bases. */
export const duesSettingsRepository = {
  /* ---------- settings ---------- */

  /**
   * The settings in force for an org: the nearest org at or above it with a row, else the defaults. An org's
   * row sets all three (its columns are not nullable), so that row decides the whole record.
   */
  async settingsFor(db: Executor, orgPath: string): Promise<DuesSettings & { fromOrgId: number | null }> {
    const { chain, rows } = await settingsOnChain(db, duesSettings, orgPath);
    const row = nearestRow(chain, rows);
    if (!row) return { ...DEFAULT_DUES_SETTINGS, fromOrgId: null };
    return {
      rounding: row.rounding as Rounding,
      allowPrepay: row.allowPrepay,
      reminderLeadDays: row.reminderLeadDays,
      fromOrgId: row.orgId,
    };
  },

  async upsertSettings(
    db: Executor,
    org: { id: number; tenantId: number; path: string },
    settings: DuesSettings,
  ): Promise<void> {
    await db
      .insert(duesSettings)
      .values({ orgId: org.id, tenantId: org.tenantId, orgPath: org.path, ...settings })
      .onConflictDoUpdate({
        target: duesSettings.orgId,
        set: { ...settings, updatedAt: sql`now()` },
      });
  },

  /** Distinct lead days in use in a tree (the reminder job asks, per value, who is due a reminder). */
  async allSettings(db: Executor, tenantId: number) {
    return db.select().from(duesSettings).where(eq(duesSettings.tenantId, tenantId));
  },

  /* ---------- bases ---------- */

  async basesOf(db: Executor, memberIds: readonly number[]): Promise<BasisRow[]> {
    if (memberIds.length === 0) return [];
    return db
      .select()
      .from(duesBases)
      .where(inArray(duesBases.memberId, [...memberIds]))
      .orderBy(asc(duesBases.memberId), asc(duesBases.effectiveMonth), asc(duesBases.id));
  },

  async insertBases(db: Executor, rows: (typeof duesBases.$inferInsert)[]): Promise<BasisRow[]> {
    if (rows.length === 0) return [];
    const out: BasisRow[] = [];
    for (let i = 0; i < rows.length; i += 2000)
      out.push(
        ...(await db
          .insert(duesBases)
          .values(rows.slice(i, i + 2000))
          .returning()),
      );
    return out;
  },

  /** Active members of a subtree now, with their roster category (the bases page, the import template). */
  async rosterOf(db: Executor, orgPath: string) {
    return db
      .select({
        id: members.id,
        name: members.name,
        orgId: members.orgId,
        orgPath: members.orgPath,
        orgName: orgs.name,
        category: members.category,
        status: members.status,
        idCardMasked: members.idCardMasked,
        tenantId: members.tenantId,
      })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(inSubtree(members.orgPath, orgPath), isActiveMember(members.status)))
      .orderBy(asc(members.orgPath), asc(members.name), asc(members.id));
  },
};
