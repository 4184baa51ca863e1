/**
 * A process's state letter from Linux's `/proc/<pid>/stat` (`R` running, `S` sleeping, `T`/`t`
 * stopped or traced, `Z` a zombie…): `undefined` when the process is gone or there is no /proc.
 *
 * @example
 * processState(process.pid) // 'R'
 */
import { readFileSync } from 'node:fs';

export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command (in parentheses) may hold spaces: the state follows its closing parenthesis
    return stat[stat.lastIndexOf(')') + 2];
  } catch {
    return undefined;
  }
}
