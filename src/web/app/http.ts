/**
 * The one place the browser talks HTTP. Feature api.ts files call these helpers; nothing else fetches.
 * Every mutating request carries the session's CSRF token (kept in memory only, re-read from /auth/me on
 * page load), and every failure becomes an ApiError with the server's Chinese message.
 */

export interface ApiFieldError {
  path: string;
  message: string;
  row?: number;
  column?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: ApiFieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const API_BASE = '/api/v1';

let csrfToken: string | null = null;
let unauthorizedListener: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request comes back 401 (the session ended): the auth context sends the user to log in. */
export function onUnauthorized(listener: (() => void) | null): void {
  unauthorizedListener = listener;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  query?: Query;
  /** JSON body. */
  body?: unknown;
  /** Multipart body (file uploads); sent as-is. */
  form?: FormData;
}

async function send(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) throw await toApiError(response, path);
  return response;
}

async function toApiError(response: Response, path: string): Promise<ApiError> {
  let problem: { code?: unknown; message?: unknown; errors?: unknown } = {};
  try {
    problem = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status below.
  }
  const code = typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`;
  const message =
    typeof problem.message === 'string' && problem.message
      ? problem.message
      : fallbackMessage(response.status);
  const errors = Array.isArray(problem.errors) ? (problem.errors as ApiFieldError[]) : [];
  const isSessionProbe = path === '/auth/me' || path === '/auth/login';
  if (response.status === 401 && !isSessionProbe) unauthorizedListener?.();
  return new ApiError(response.status, code, message, errors);
}

function fallbackMessage(status: number): string {
  if (status === 401) return '登录已过期，请重新登录';
  if (status === 403) return '您没有权限执行此操作';
  if (status === 404) return '请求的内容不存在';
  if (status === 413) return '文件过大';
  if (status >= 500) return '服务器内部错误，请稍后再试';
  return `请求失败（${status}）`;
}

async function json<T>(method: Method, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  return (await response.json()) as T;
}

export const http = {
  get: <T>(path: string, query?: Query) => json<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) =>
    json<T>('POST', path, { body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { body }),
  delete: <T>(path: string) => json<T>('DELETE', path),
  upload: <T>(path: string, form: FormData, query?: Query) => json<T>('POST', path, { form, query }),
};

/**
 * Downloads a file the server generates (Excel exports, templates) through fetch, so a refusal shows as a
 * message instead of a JSON page, and saves it under the server's (Chinese) file name.
 */
export async function downloadFile(
  path: string,
  query?: Query,
  fallbackName = 'download.xlsx',
): Promise<void> {
  const response = await send('GET', path, { query });
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      return encoded[1];
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后再试';
}
