import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** URL parameters to change: a value sets one, null removes it, a name left out (or undefined) keeps it. */
export type ParamPatch = Record<string, string | number | null | undefined>;

/**
 * The page's URL parameters (what it shows, so it can be bookmarked, reloaded and linked to) and a setter that
 * changes only the ones it names. The change replaces the history entry, unless `push` (a drill-down that the
 * back button should undo).
 */
export function useUrlParams(): [URLSearchParams, (patch: ParamPatch, push?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const patch = useCallback(
    (changes: ParamPatch, push = false) =>
      setParams(
        (current) => {
          const copy = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null) copy.delete(name);
            else if (value !== undefined) copy.set(name, String(value));
          }
          return copy;
        },
        { replace: !push },
      ),
    [setParams],
  );
  return [params, patch];
}

/** An id kept in the URL (?orgId=12): the whole number, or null when it is missing or not one. */
export function idParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}
