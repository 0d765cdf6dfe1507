import type { z } from 'zod';
import type { Actor } from '../../../domain/access';
import { DEFAULT_DICTIONARIES, type DictionaryKind } from '../../../domain/dictionaries';
import { DUES_CATEGORIES } from '../../../domain/dues';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { conflict, notFound } from '../../http/errors';
import { authorize } from '../../scope';
import { recordChange } from '../audit';
import { countMembersWithLabel, type VocabularyField } from '../members';
import { type DictionaryEntry, dictionariesRepository } from './dictionaries.repository';
import type { ZDictionaryCreate, ZDictionaryUpdate } from './dictionaries.schema';

export type Dictionaries = Record<DictionaryKind, string[]>;

/** The roster field that stores each kind's labels; absence reasons are not kept on the roster. */
const ROSTER_FIELD: Record<DictionaryKind, VocabularyField | null> = {
  ethnicity: 'ethnicity',
  education: 'education',
  category: 'category',
  jobTitle: 'jobTitle',
  absenceReason: null,
};

export class DictionariesService {
  constructor(private readonly deps: AppDeps) {}

  /** First start: the default vocabularies, so forms and imports work before anyone configures anything. */
  static async ensureDefaults(db: Executor): Promise<void> {
    if (!(await dictionariesRepository.isEmpty(db))) return;
    const rows = Object.entries(DEFAULT_DICTIONARIES).flatMap(([kind, entries]) =>
      entries.map((e, i) => ({ kind, code: e.code, label: e.label, sortOrder: i })),
    );
    await dictionariesRepository.insertMany(db, rows);
  }

  async list(): Promise<DictionaryEntry[]> {
    return dictionariesRepository.list(this.deps.db);
  }

  /** Active labels per kind: what forms offer and imports accept. */
  static async activeLabels(db: Executor): Promise<Dictionaries> {
    const all = await dictionariesRepository.list(db);
    const out = {
      ethnicity: [],
      education: [],
      category: [],
      jobTitle: [],
      absenceReason: [],
    } as Dictionaries;
    for (const e of all) if (e.active) out[e.kind as DictionaryKind]?.push(e.label);
    return out;
  }

  async create(actor: Actor, input: z.infer<typeof ZDictionaryCreate>): Promise<DictionaryEntry> {
    authorize(actor, 'dictionary.write');
    return this.deps.db.transaction(async (tx) => {
      const existing = (await dictionariesRepository.list(tx)).find(
        (e) => e.kind === input.kind && e.label === input.label,
      );
      if (existing) throw conflict(`“${input.label}”已存在`);
      const created = await dictionariesRepository.insert(tx, input);
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'dictionary',
        entityId: created.id,
        summary: `新增字典项 ${input.kind}：${input.label}`,
        tenantId: null,
        orgPath: '/',
        after: created,
      });
      return created;
    });
  }

  async update(actor: Actor, id: number, patch: z.infer<typeof ZDictionaryUpdate>): Promise<DictionaryEntry> {
    authorize(actor, 'dictionary.write');
    return this.deps.db.transaction(async (tx) => {
      const before = await dictionariesRepository.findById(tx, id);
      if (!before) throw notFound('字典项');
      if (patch.label !== undefined && patch.label !== before.label)
        await this.assertRenamable(tx, before, patch.label);
      const after = await dictionariesRepository.update(tx, id, patch);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'dictionary',
        entityId: id,
        summary: `修改字典项 ${before.kind}：${before.label}`,
        tenantId: null,
        orgPath: '/',
        before,
        after,
      });
      return after!;
    });
  }

  /**
   * Records keep the label itself, so renaming an entry in use would leave them holding a value the
   * dictionary no longer knows (and refused on their next edit). 人员类别 labels also select the dues rule
   * (中组发〔2008〕3号), so those are never renamed. A new name is a new entry; the old one is retired.
   */
  private async assertRenamable(tx: Executor, entry: DictionaryEntry, label: string): Promise<void> {
    const kind = entry.kind as DictionaryKind;
    if (kind === 'category' && (DUES_CATEGORIES as readonly string[]).includes(entry.label))
      throw conflict(`人员类别“${entry.label}”决定党费计算标准（中组发〔2008〕3号），不能改名`);
    const field = ROSTER_FIELD[kind];
    const used = field ? await countMembersWithLabel(tx, field, entry.label) : 0;
    if (used > 0)
      throw conflict(
        `“${entry.label}”已被 ${used} 名党员的档案使用，不能改名；如需新的名称，请新增字典项并停用此项`,
      );
    const clash = (await dictionariesRepository.list(tx)).find(
      (e) => e.kind === entry.kind && e.label === label && e.id !== entry.id,
    );
    if (clash) throw conflict(`“${label}”已存在`);
  }
}
