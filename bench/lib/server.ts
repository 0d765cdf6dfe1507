import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/**
 * Child processes the bench starts on loopback: the real server (src/server/main.ts) and the floor server
 * (bench/floor-server.ts). Both run TypeScript through tsx's loader inside one node process, so the pid is
 * the server itself and its RSS is the server's.
 */
export interface Spawned {
  pid: number;
  port: number;
  baseUrl: string;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  output(): string;
  alive(): boolean;
  rss(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** tsx's ESM loader by absolute URL, so a child may run in another working directory. */
const TSX_LOADER = import.meta.resolve('tsx');

export async function spawnNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  cwd = process.cwd(),
): Promise<Spawned> {
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
      '--import',
      TSX_LOADER,
      path.resolve(script),
      ...args,
    ],
    {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (!child.pid) throw new Error(`could not spawn ${script}`);
  const pid = child.pid;
  return {
    pid,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    spawnedAt,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    rss: () => rssOf(pid),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
export function rssOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export interface SimpleResponse {
  status: number;
  body: string;
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; agent?: http.Agent } = {},
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Polls until the URL answers 200 (connection refused while the process boots); returns the time since
 * `since`. Fails after `timeoutMs` or if the process died.
 */
export async function waitFor200(
  url: string,
  since: number,
  options: { headers?: Record<string, string>; timeoutMs?: number; alive?: () => boolean } = {},
): Promise<number> {
  const deadline = performance.now() + (options.timeoutMs ?? 120_000);
  let last = '';
  while (performance.now() < deadline) {
    try {
      const res = await request(url, { headers: options.headers ?? {} });
      if (res.status === 200) return performance.now() - since;
      last = `${res.status} ${res.body.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (options.alive && !options.alive()) break;
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  throw new Error(`${url} did not answer 200 (last: ${last})`);
}
