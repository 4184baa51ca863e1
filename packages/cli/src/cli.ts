/**
 * `cakupan`: coverage from the population register and BPJS Ketenagakerjaan exports, from a
 * terminal. Exit status: 0 done, 1 an input could not be read, 2 wrong usage.
 *
 * This entry loads only the help texts and the usage error; a command's module (and core, the
 * store) is loaded when the command runs, so that `cakupan --help` starts in a few tens of ms.
 */
import { UsageError } from './args.js';
import { HELP } from './help.js';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP.main);
    return command === undefined ? 2 : 0;
  }
  // each command loads what it needs when it runs: --help loads nothing but this file and the texts
  if (command === 'coverage') return (await import('./commands/coverage.js')).coverage(rest);
  if (command === 'import') return (await import('./commands/import.js')).importExport(rest);
  if (command === 'generate') return (await import('./commands/generate.js')).generate(rest);
  if (command === 'regions') return (await import('./commands/regions.js')).regions(rest);
  throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: coverage, import, generate, regions; see cakupan --help)`);
}

// a reader that stops early (cakupan … | head) is not an error
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// exitCode, not exit(): exit() would cut off output still being written to a pipe
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    const usage = err instanceof UsageError;
    // core's CakupanError is a RangeError: known without loading core
    const known = usage || err instanceof RangeError || (err as NodeJS.ErrnoException).syscall !== undefined;
    process.stderr.write(`cakupan: ${known ? err.message : `${err.name}: ${err.message}`}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
