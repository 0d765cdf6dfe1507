import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { errorMessage } from '../app/http';

export interface ActionOptions<A, R> {
  run: (args: A) => Promise<R>;
  /** Query keys whose data the action changes; each is invalidated (with everything below it). */
  invalidate?: readonly QueryKey[];
  /**
   * Keep the action pending (its button loading) until what is on screen has been fetched again, and only
   * then say so and call `onDone`. By default the refresh runs in the background. Not for a deletion whose
   * record is still on screen: its refetch would fail before the page leaves it.
   */
  waitForRefresh?: boolean;
  /** The record as the server returned it, written into the cache before the refresh, so it shows at once. */
  put?: (result: R, args: A) => readonly [QueryKey, unknown];
  /** The success message; none when absent or when the function returns null. */
  success?: string | ((result: R, args: A) => string | null);
  onDone?: (result: R, args: A) => void;
  /** Shows the failure itself (in the dialog, as a table of rows) instead of the error message. */
  onError?: (error: Error, args: A) => void;
}

/**
 * One mutation that changes data the pages show: on success it puts the returned record in the cache,
 * invalidates what the action changed, says so and calls `onDone`; on failure it shows the server's message
 * once (or hands the error to `onError`). Forms use `useSave`, which adds their field errors.
 */
export function useAction<A = void, R = unknown>({
  run,
  invalidate = [],
  waitForRefresh = false,
  put,
  success,
  onDone,
  onError,
}: ActionOptions<A, R>) {
  const client = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: run,
    // The cache's own handler would show the message a second time.
    meta: { handlesError: true },
    onSuccess: async (result, args) => {
      const entry = put?.(result, args);
      if (entry) client.setQueryData(entry[0], entry[1]);
      const refresh = Promise.all(invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
      if (waitForRefresh) await refresh;
      else void refresh;
      const text = typeof success === 'function' ? success(result, args) : success;
      if (text) void message.success(text);
      onDone?.(result, args);
    },
    onError: (error, args) => {
      if (onError) onError(error, args);
      else void message.error(errorMessage(error));
    },
  });
}
