// A serial is never issued twice: not after a restart, not by a second process, not after damage.
import { reserveSerials, storeSerials } from '@cakupan/print';
import { fileSerials, SerialStoreError } from '../src/serials/fileSerials.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = () => mkdtempSync(join(tmpdir(), 'cakupan-serials-'));

describe('fileSerials', () => {
  it('continues after a restart from what it wrote before handing serials out', () => {
    const d = dir();
    const a = fileSerials(d);
    expect(a.reserve(10)).toBe(1);
    expect(a.reserve(5)).toBe(11);
    a.close();
    expect(readFileSync(join(d, 'serial'), 'utf8')).toBe('16');
    const b = fileSerials(d);
    expect(b.reserve(1)).toBe(16);
    b.close();
  });

  it.each(['', 'garbage', '0', '-5', '12abc', '99999999999'])('refuses to start on a damaged counter %j', (text) => {
    const d = dir();
    writeFileSync(join(d, 'serial'), text);
    expect(() => fileSerials(d)).toThrow(SerialStoreError);
    expect(() => fileSerials(d)).toThrow(/damaged/);
  });

  it('refuses a second user of the same folder while the first lives', () => {
    const d = dir();
    const a = fileSerials(d);
    expect(() => fileSerials(d)).toThrow(/another cakupan process \(pid \d+\)/);
    a.close();
    const b = fileSerials(d);
    expect(b.reserve(1)).toBe(1);
    b.close();
  });

  it('takes over a lock left by a process that is gone', () => {
    const d = dir();
    writeFileSync(join(d, 'serial.lock'), '999999999');
    const a = fileSerials(d);
    expect(a.reserve(1)).toBe(1);
    a.close();
  });

  it('stops a second service process on the same DATA_DIR with a clear message', async () => {
    const d = dir();
    const env = { ...process.env, NODE_ENV: 'development', DATA_DIR: d, PORT: '0', LOG_LEVEL: 'silent' };
    const server = join(import.meta.dirname, '..', 'dist', 'server.js');
    const first = spawn(process.execPath, [server], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      first.stdout.on('data', (b: Buffer) => String(b).includes('cakupan print service on') && resolve());
      first.once('exit', (code) => reject(new Error(`the first service exited with ${code}`)));
    });
    const second = spawn(process.execPath, [server], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    second.stderr.on('data', (b: Buffer) => (stderr += String(b)));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    first.kill('SIGTERM');
    await new Promise((resolve) => first.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/another cakupan process \(pid \d+\) issues serials/);
  });
});

describe('storeSerials shared by jobs', () => {
  it('gives concurrent jobs distinct serials when one fetch serves several of them', async () => {
    let blocks = 0;
    // a database's sequence, a block of 64 per call, answering after a round trip
    const source = storeSerials({ reserveSerialBlock: () => new Promise((resolve) => setTimeout(() => resolve(1 + 64 * blocks++), 5)) });
    const firsts = await Promise.all(Array.from({ length: 6 }, () => reserveSerials(source, 40)));
    // each job's 40 serials are its own: no two ranges overlap
    const sorted = [...firsts].sort((a, b) => a - b);
    sorted.slice(1).forEach((first, i) => expect(first - sorted[i]!).toBeGreaterThanOrEqual(40));
    expect(blocks).toBeGreaterThanOrEqual(6); // 40 of a block's 64: one block per job
  });
});
