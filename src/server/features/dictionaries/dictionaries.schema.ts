import { z } from 'zod';
import { DICTIONARY_KINDS, type DictionaryKind } from '../../../domain/dictionaries';

export const ZDictionaryKind = z.enum(Object.keys(DICTIONARY_KINDS) as [DictionaryKind, ...DictionaryKind[]]);

export const ZDictionaryEntry = z.object({
  id: z.number().int(),
  kind: ZDictionaryKind,
  code: z.string().nullable(),
  label: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export type TDictionaryEntry = z.infer<typeof ZDictionaryEntry>;

export const ZDictionaryCreate = z.object({
  kind: ZDictionaryKind,
  code: z.string().trim().max(20).nullable().default(null),
  label: z.string().trim().min(1, '名称不能为空').max(50, '名称不能超过 50 个字'),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});

export const ZDictionaryUpdate = z.object({
  label: z.string().trim().min(1, '名称不能为空').max(50).optional(),
  code: z.string().trim().max(20).nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional(),
});
