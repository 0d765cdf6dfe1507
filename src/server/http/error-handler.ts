import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS, type FieldError } from './errors';

/** One error shape for every failure: { code, message, errors? } as application/problem+json. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let body: { code: string; message: string; errors?: FieldError[] };
    let status: number;
    if (error instanceof AppError) {
      status = ERROR_STATUS[error.code];
      body = {
        code: error.code,
        message: error.message,
        ...(error.errors.length ? { errors: error.errors } : {}),
      };
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      status = 400;
      const errors = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? '格式不正确',
      }));
      body = {
        code: 'VALIDATION',
        message: errors.map((e) => (e.path ? `${e.path}：${e.message}` : e.message)).join('；'),
        errors,
      };
    } else if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause }, 'response does not match its schema');
      status = 500;
      body = { code: 'INTERNAL', message: '服务器内部错误' };
    } else if (error.statusCode === 429) {
      status = 429;
      body = { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' };
    } else if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      status = 413;
      body = { code: 'PAYLOAD_TOO_LARGE', message: '文件过大' };
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      body = { code: 'VALIDATION', message: `请求无效：${error.message}` };
    } else {
      request.log.error({ err: error }, 'unhandled error');
      status = 500;
      body = { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' };
    }
    return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
  });
}

/** Unknown API paths answer in the one error shape; everything else may be a page of the web app. */
export function apiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .type('application/problem+json; charset=utf-8')
    .send({ code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url}` });
}
