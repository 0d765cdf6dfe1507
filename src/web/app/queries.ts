import { type QueryKey, queryOptions } from '@tanstack/react-query';

/**
 * A read as a `queryOptions` factory: the key and the fetch take the same arguments, so
 * `ledger: readQuery(duesKeys.ledger, fetchLedger)` is what `(orgId, month) => queryOptions({ queryKey:
 * duesKeys.ledger(orgId, month), queryFn: () => fetchLedger(orgId, month) })` spells out. A read whose key
 * and fetch differ (a list joined for the key, an option only the query sets) keeps `queryOptions` itself.
 */
export function readQuery<A extends unknown[], K extends QueryKey, T>(
  key: (...args: A) => K,
  fetch: (...args: A) => Promise<T>,
) {
  return (...args: A) => queryOptions({ queryKey: key(...args), queryFn: () => fetch(...args) });
}
