import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access';
import type { Account } from '../features/auth';
import { AppError, invalid } from './errors';

/** The Fastify instance every feature's routes register on: zod schemas give validation, types and docs. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AuthContext {
  actor: Actor;
  account: Account;
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health). */
    public?: boolean;
    /** Reachable while the account still has to replace its initial password. */
    allowInitialPassword?: boolean;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.auth.actor;
}

export const ZIdParam = z.object({ id: z.coerce.number().int().positive() });
export const ZOk = z.object({ ok: z.literal(true) });
export const ZProblem = z.object({
  code: z.string(),
  message: z.string(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        row: z.number().optional(),
        column: z.string().optional(),
      }),
    )
    .optional(),
});

/** Sends a file download with a UTF-8 (Chinese) file name. */
export function sendFile(reply: FastifyReply, fileName: string, contentType: string, body: Buffer) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The spreadsheet of an import request (multipart field "file"), read whole. */
export async function uploadedXlsx(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw invalid('请以 multipart/form-data 上传 .xlsx 文件（字段名 file）');
  const part = await request.file();
  if (!part) throw invalid('请选择要导入的文件');
  return part.toBuffer();
}

/** An attachment upload (multipart field "file"): one file, refused past maxBytes while it streams in. */
export async function uploadedFile(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ fileName: string; body: Buffer }> {
  if (!request.isMultipart()) throw invalid('请以 multipart/form-data 上传文件（字段名 file）');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw invalid('请选择要上传的文件');
  return { fileName: part.filename, body: await part.toBuffer() };
}
