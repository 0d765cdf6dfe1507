import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ZDictionaryCreate,
  ZDictionaryEntry,
  ZDictionaryUpdate,
} from '../../../server/features/dictionaries/dictionaries.schema';
import { http } from '../../app/http';

export type DictionaryEntry = z.infer<typeof ZDictionaryEntry>;
export type DictionaryCreateInput = z.input<typeof ZDictionaryCreate>;
export type DictionaryUpdateInput = z.input<typeof ZDictionaryUpdate>;

export const dictionaryKeys = { all: ['dictionaries'] as const };

export const fetchDictionaries = () => http.get<DictionaryEntry[]>('/dictionaries');

/** The reads, each with its key. */
export const dictionaryQueries = {
  all: () => queryOptions({ queryKey: dictionaryKeys.all, queryFn: fetchDictionaries }),
};

export const createDictionaryEntry = (input: DictionaryCreateInput) =>
  http.post<DictionaryEntry>('/dictionaries', input);
export const updateDictionaryEntry = (id: number, input: DictionaryUpdateInput) =>
  http.patch<DictionaryEntry>(`/dictionaries/${id}`, input);
