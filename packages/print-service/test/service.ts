/**
 * The real service for the tests that need it whole (the chaos suite, the soak, start and stop, memory): the server (`dist/server.js`) in a process of its own on a free
 * loopback port, with what a test needs to hurt it — its database process's pid, its memory — and
 * small HTTP helpers. Nothing here reaches anything but 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const API_KEY = 'chaos-admin-key-0123456789abcdef';
const SERVER = join(import.meta.dirname, '..', 'dist', 'server.js');

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Service {
  base: string;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything the service wrote to stderr. */
  stderr(): string;
  /** The embedded database process's pid (from the store's lock file): it changes on a restart. */
  databasePid(): number;
  /** Resident memory now, and at its peak, MB. */
  rssMb(): { now: number; peak: number };
  /** An authorised request; the body read whole. */
  ask(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: Buffer }>;
  /** A JSON answer (throws on a non-2xx). */
  json<T>(path: string, init?: RequestInit): Promise<T>;
  /** Resolves once `/health` answers 200; the time it took, ms. */
  ready(timeoutMs?: number): Promise<number>;
  /**
   * Hurts the database process — kills it (`SIGKILL`) or stops it (`SIGSTOP`, as a hung process) —
   * and resolves once another one answers; the time that took, ms.
   */
  hurtDatabase(signal: 'SIGKILL' | 'SIGSTOP', timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the service on embedded defaults (or `env`), and waits until it listens. */
export async function startService(env: Record<string, string> = {}): Promise<Service> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'cakupan-chaos-'));
  const child = spawn(process.execPath, ['--max-old-space-size=512', SERVER], {
    // the embedded store unless `env` names a DATABASE_URL (the tests' own, set for the store's tests, is not inherited)
    env: { ...withoutDatabaseUrl(process.env), NODE_ENV: 'development', DATA_DIR: dataDir, PORT: String(port), API_KEYS: API_KEY, LOG_LEVEL: 'silent', SAMPLE_CITY: 'off', RATE_LIMIT_MAX: '1000000', VERIFY_RATE_LIMIT_MAX: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += String(b)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => String(b).includes('cakupan print service on') && resolve());
    child.once('exit', (code) => reject(new Error(`the service exited (${code}): ${stderr}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const ask: Service['ask'] = async (path, init = {}) => {
    const res = await fetch(base + path, { ...init, headers: { authorization: `Bearer ${API_KEY}`, ...(init.headers as Record<string, string>) } });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };
  const service: Service = {
    base,
    pid: child.pid!,
    dataDir,
    child,
    stderr: () => stderr,
    databasePid: () => Number(readFileSync(join(env.DATABASE_URL ? '/nonexistent' : join(dataDir, 'store'), 'store.lock'), 'utf8').trim().split(' ')[1]),
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]);
      return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    },
    ask,
    json: async <T>(path: string, init?: RequestInit) => {
      const res = await ask(path, init);
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.body.toString().slice(0, 300)}`);
      return JSON.parse(res.body.toString()) as T;
    },
    ready: async (timeoutMs = 30_000) => {
      const started = Date.now();
      for (;;) {
        const status = await fetch(`${base}/health`).then((r) => r.status, () => 0);
        if (status === 200) return Date.now() - started;
        if (Date.now() - started > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    hurtDatabase: async (signal, timeoutMs = 30_000) => {
      const killed = service.databasePid();
      const started = Date.now();
      process.kill(killed, signal);
      for (;;) {
        let pid = killed;
        try {
          pid = service.databasePid();
        } catch {
          // the lock file is being written
        }
        if (pid !== killed && (await fetch(`${base}/health`).then((r) => r.status, () => 0)) === 200) return Date.now() - started;
        if (Date.now() - started > timeoutMs) throw new Error(`no new database process ${timeoutMs} ms after ${signal}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  return service;
}

/** `env` without DATABASE_URL and the sharded store's settings (the store tests' servers). */
export function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, DATABASE_SHARDS: _shards, SHARDED_DATABASE_URL: _sharded, ...rest } = env;
  return rest;
}

/** A multipart form: `fields`, and `file` (a CSV's text) as the field `file`. */
export function importForm(fields: Record<string, string>, file: string, fileName = 'export.csv'): { body: string; headers: Record<string, string> } {
  const b = 'chaos-boundary';
  const body =
    Object.entries(fields)
      .map(([name, v]) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`)
      .join('') + `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${b}--\r\n`;
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** Resolves after `ms` (a fault's moment, not a wait for a condition). */
export const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
