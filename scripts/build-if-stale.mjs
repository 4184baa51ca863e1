// Builds the packages whose build is missing or older than their sources, and nothing else: a
// fresh install has just built them all (the `prepare` script), so `pnpm start` starts at once.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Newest modification time below `dir` (files only), 0 when it does not exist. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}
/** Oldest modification time of the files directly in `dir`, 0 when there are none. */
function oldest(dir) {
  if (!existsSync(dir)) return 0;
  const times = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(dir, e.name)).mtimeMs);
  return times.length ? Math.min(...times) : 0;
}
// in dependency order: core first
const stale = ['core', 'contract', 'print', 'store', 'monitoring', 'cli', 'dashboard', 'print-service'].filter((name) => {
  const pkg = join(root, 'packages', name);
  const built = oldest(join(pkg, 'dist'));
  // the dashboard's page, styles and boundaries (public/) are sources too
  const sources = Math.max(newest(join(pkg, 'src')), newest(join(pkg, 'public')));
  return built === 0 || sources > built || statSync(join(pkg, 'package.json')).mtimeMs > built;
});
for (const name of stale) {
  process.stderr.write(`building packages/${name} (its build is missing or older than its sources)\n`);
  execFileSync('npx', ['-y', 'pnpm@10', '--filter', `./packages/${name}`, 'run', 'build'], { cwd: root, stdio: 'inherit' });
}
