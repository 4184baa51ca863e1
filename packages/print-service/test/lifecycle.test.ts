// Stopping and starting as an operator does: Ctrl-C (SIGINT to the whole process group), SIGTERM,
// the launcher's shell killed (what pnpm 10 does on SIGTERM), a busy port, a read-only data folder.
// Each ends every child (the database process) and says in one line what to do.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, withoutDatabaseUrl } from './service.js';
import { describe, expect, it } from 'vitest';

const SERVER = join(import.meta.dirname, '..', 'dist', 'server.js');

interface Started {
  child: ChildProcess;
  dataDir: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `command` (default: the service) in a process group of its own, as a terminal would. */
function start(env: Record<string, string>, command: string[] = [process.execPath, SERVER]): Started {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'cakupan-life-'));
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...withoutDatabaseUrl(process.env), NODE_ENV: 'development', SAMPLE_CITY: 'off', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += String(b)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, dataDir, stderr: () => stderr, exited };
}

/** Resolves once the service printed its address. */
function listening(s: Started): Promise<void> {
  return new Promise((resolve, reject) => {
    s.child.stdout!.on('data', (b: Buffer) => String(b).includes('cakupan print service on') && resolve());
    void s.exited.then(({ code }) => reject(new Error(`the service exited (${code}): ${s.stderr()}`)));
  });
}

/** The database process's pid, from the store's lock file. */
function databasePid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'store', 'store.lock'), 'utf8').trim().split(' ')[1]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('stopping', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`on ${signal} to the whole process group ends the database process and exits 0 without a word`, { timeout: 60_000 }, async () => {
      const s = start({ PORT: String(await freePort()) });
      await listening(s);
      const database = databasePid(s.dataDir);
      expect(alive(database)).toBe(true);
      process.kill(-s.child.pid!, signal);
      expect(await s.exited).toEqual({ code: 0, signal: null });
      expect(s.stderr()).toBe('');
      await expect.poll(() => alive(database), { timeout: 10_000 }).toBe(false);
    });
  }

  it('when its launcher’s shell is killed (pnpm 10 on SIGTERM), with --stop-with-parent', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'cakupan-life-'));
    // the shell stays the service's parent, as dash does for `pnpm start`'s script
    const s = start({ PORT: String(port), DATA_DIR: dataDir }, ['/bin/sh', '-c', `"${process.execPath}" "${SERVER}" --stop-with-parent; true`]);
    await listening(s);
    const database = databasePid(dataDir);
    const service = Number(execFileSync('pgrep', ['-P', String(s.child.pid), '-f', 'server.js'], { encoding: 'utf8' }).trim());
    process.kill(s.child.pid!, 'SIGKILL'); // the shell alone
    await expect.poll(() => alive(service), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => alive(database), { timeout: 10_000 }).toBe(false);
  });
});

describe('starting', () => {
  it('on a busy port says in one line which variable to set, and exits 1', { timeout: 60_000 }, async () => {
    const busy: Server = createServer();
    const port = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
    try {
      const s = start({ PORT: String(port) });
      expect((await s.exited).code).toBe(1);
      const lines = s.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(`cakupan print service: port ${port} on 127.0.0.1 is already in use by another program: set PORT to a free port (e.g. PORT=3001), or HOST to another address`);
    } finally {
      busy.close();
    }
  });

  const canMount = process.getuid?.() === 0;
  it.skipIf(!canMount)('with a read-only data folder says so in one line, and exits 1', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cakupan-ro-'));
    const ro = join(dir, 'data');
    mkdirSync(ro);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro]);
    try {
      const s = start({ PORT: String(await freePort()), DATA_DIR: ro });
      expect((await s.exited).code).toBe(1);
      const lines = s.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^cakupan print service: cannot write .*: the file system is read-only\. The data folder \(DATA_DIR\) must be a writable folder with free space$/);
    } finally {
      execFileSync('umount', [ro]);
    }
  });
});
