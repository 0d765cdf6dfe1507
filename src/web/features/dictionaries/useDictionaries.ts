import { useQuery } from '@tanstack/react-query';
import type { DictionaryKind } from '../../../domain/dictionaries';
import { type DictionaryEntry, dictionaryQueries } from './api';

export function useDictionaries() {
  return useQuery({ ...dictionaryQueries.all(), staleTime: 5 * 60_000 });
}

/** Select options of one vocabulary: active entries in their order; a retired value still shows. */
export function dictionaryOptions(
  entries: readonly DictionaryEntry[] | undefined,
  kind: DictionaryKind,
  keep?: string | null,
): { value: string; label: string }[] {
  const labels = (entries ?? [])
    .filter((e) => e.kind === kind && e.active)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
    .map((e) => e.label);
  if (keep && !labels.includes(keep)) labels.push(keep);
  return labels.map((label) => ({ value: label, label }));
}
