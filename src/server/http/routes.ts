import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../domain/access';
import { type Api, actorOf } from './api';

type Schema = z.ZodType | undefined;
type Input<S extends Schema> = S extends z.ZodType ? z.output<S> : unknown;
type Answer<S extends Schema> = S extends z.ZodType ? z.output<S> : unknown;

/** What the API docs and the validation know of a route: its summary, its inputs and its answer (the 200). */
export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> {
  summary: string;
  params?: P;
  querystring?: Q;
  body?: B;
  response?: R;
}

/** A signed-in route's work: the actor, the validated request (and the reply, for a file). */
export type ActorHandler<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> = (
  actor: Actor,
  request: FastifyRequest<{ Params: Input<P>; Querystring: Input<Q>; Body: Input<B> }>,
  reply: FastifyReply,
) => Promise<Answer<R>>;

type Register = <
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  R extends Schema = undefined,
>(
  url: string,
  spec: RouteSpec<P, Q, B, R>,
  handler: ActorHandler<P, Q, B, R>,
) => void;

/**
 * A feature's signed-in routes, tagged once: each route names its URL, its `RouteSpec` and what it does for the
 * actor (`actorOf(request)`, so a request without a session is refused before the handler runs). The schema
 * it registers is the one written out by hand: `{ tags, summary, params, querystring, body, response: { 200 } }`.
 */
export function signedInRoutes(api: Api, tags: string[]) {
  const register =
    (method: HTTPMethods): Register =>
    (url, { summary, response, ...inputs }, handler) => {
      api.route({
        method,
        url,
        schema: { tags, summary, ...inputs, ...(response ? { response: { 200: response } } : {}) },
        handler: async (request, reply) => handler(actorOf(request), request as never, reply),
      });
    };
  return {
    get: register('GET'),
    post: register('POST'),
    put: register('PUT'),
    patch: register('PATCH'),
    delete: register('DELETE'),
  };
}

const OK = { ok: true } as const;

/** The `{ ok: true }` answer (ZOk) of a command that returns nothing, once it is done. */
export async function done(work: Promise<unknown>): Promise<typeof OK> {
  await work;
  return OK;
}
