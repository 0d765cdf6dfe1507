import { MutationCache, QueryClient } from '@tanstack/react-query';
import { showError } from './feedback';
import { ApiError, errorMessage } from './http';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The mutation shows its own error (a form's field errors, the import's row table). */
      handlesError?: boolean;
    };
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (403, 404, validation) will not change on retry; network and 5xx may.
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.handlesError) return;
        showError(errorMessage(error));
      },
    }),
  });
}
