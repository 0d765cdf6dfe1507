import type { z } from 'zod';
import type { Actor } from '../../../domain/access';
import { DEFAULT_DICTIONARIES, type DictionaryKind } from '../../../domain/dictionaries';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { conflict, notFound } from '../../http/errors';
import { authorize } from '../../http/scope';
import { recordChange } from '../audit/audit.service';
import { type DictionaryEntry, dictionariesRepository } from './dictionaries.repository';
import type { ZDictionaryCreate, ZDictionaryUpdate } from './dictionaries.schema';

export type Dictionaries = Record<DictionaryKind, string[]>;

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
}
