/**
 * The one error type. Services throw AppError with a stable code for programs and a Chinese message for
 * people; the HTTP layer maps codes to statuses in one place (error-handler.ts).
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** Where: a field path, or for imports "row 12 / 身份证号". */
  path: string;
  message: string;
  row?: number;
  column?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或不在您的权限范围内`);
export const forbidden = (message = '您没有权限执行此操作') => new AppError('FORBIDDEN', message);
export const invalid = (message: string, errors: FieldError[] = []) =>
  new AppError('VALIDATION', message, errors);
export const conflict = (message: string) => new AppError('CONFLICT', message);
