// Every example runs with the command examples/README.md lists, and prints what it promises.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (script: string) =>
  execFileSync('pnpm', ['-s', 'run', script], { cwd: import.meta.dirname, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

describe('examples', () => {
  it('bogor-2017 reproduces the published 16.04 %', () => {
    const out = run('bogor-2017');
    expect(out).toContain('participants: 96,365 (PU 92,550, BPU 3,815)');
    expect(out).toContain('coverage: 16.04 %');
  });

  it('coverage-from-records rolls records up to village and RT', () => {
    const out = run('coverage-from-records');
    expect(out).toMatch(/village\s+32\.71\.01\.1001\s+Batu Tulis\s+1\/2\s+50\.0%/);
    expect(out).toMatch(/rt\s+32\.71\.01\.1001\.003\.006\s+0\/0\s+–/);
    expect(out).toContain('#3 rt');
  });
});
