import http from 'node:http';
import { summarize, type Timing } from './report';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Concurrent keep-alive connections, each a loop of sequential requests. */
  connections: number;
  seconds: number;
  /** Hard cap on requests, so a run is bounded even against a very fast server. */
  maxRequests: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  latency: Timing;
  /** Every request's latency in ms. */
  latencies: number[];
  firstError?: string;
}

/**
 * A small closed-loop load generator: `connections` loops over a keep-alive agent, each sending the next
 * request when the previous answer has been read, for a fixed time. Loopback only.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname))
    throw new Error('the load generator only targets loopback');
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(target, { agent, headers: options.headers ?? {} }, (res) => {
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
        });
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          if (res.statusCode !== 200 || size === 0) {
            errors++;
            firstError ??= `status ${res.statusCode}`;
          }
          resolve();
        });
        res.on('error', (e) => {
          errors++;
          firstError ??= e.message;
          resolve();
        });
      });
      req.on('error', (e) => {
        errors++;
        firstError ??= e.message;
        resolve();
      });
    });
  const loop = async () => {
    while (performance.now() < deadline && sent < options.maxRequests) {
      sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: (latencies.length - errors) / seconds,
    latency: summarize('latency', latencies),
    latencies,
    ...(firstError ? { firstError } : {}),
  };
}
