/**
 * The embedded database's process (`pgliteServer.mjs`), supervised: every request has a deadline,
 * a process that dies is started again with backoff, and one that stops answering (stopped by a
 * signal, or silent past a deadline) is killed and started again. Meanwhile requests fail at once
 * with {@link StoreUnavailableError} (the service answers 503 + Retry-After), never wait.
 *
 * PGlite writes ahead: a process killed mid-transaction leaves nothing of it; the next process
 * replays the log and opens the data as of the last commit.
 *
 * Limits: one request's parameters and result travel as one message (a COPY's input goes in parts
 * of ~1 MB, a COPY's output as one); the channel holds the parent's event loop only while requests
 * are pending, so an unclosed store does not keep a program alive. Requests run one at a time in
 * the database (PGlite has one session): a request waits behind the statements sent before it,
 * and its deadline counts that wait.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { processState } from './processState.js';
import { StoreUnavailableError } from './unavailable.js';

/** A request to the database process, answered with its result. */
export type Call = (request: { op: string; tx?: number | undefined; [field: string]: unknown }) => Promise<unknown>;

/** How the supervised database is doing (`/health` shows it). */
export interface DatabaseHealth {
  /** `ok`: answering; `restarting`: its process ended or was stopped and a new one is starting. */
  status: 'ok' | 'restarting';
  /** How many times the process was started again since the store opened. */
  restarts: number;
  /** Since when it has not been `ok` (ISO instant), and why. */
  since: string | null;
  reason: string | null;
}

export interface SupervisorOptions {
  pgdata: string;
  startParams: readonly string[];
  /** A request's deadline, ms (default 30 s). */
  deadlineMs?: number;
  /** The deadline of a bulk request (COPY, a transaction's commit, a migration), ms (default 10 min). */
  bulkDeadlineMs?: number;
  /** Told each new process's pid (the lock file names it). */
  onStart?(pid: number): void;
  /** Told why a process is started again (for a log; never personal data). */
  onRestart?(reason: string): void;
}

const BULK_OPS = new Set(['copyIn', 'copyOut', 'atomically', 'commit', 'exec']);
/** The first wait before starting a dead process again, and the longest (doubling between). */
const MIN_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 5_000;
/** A process that lived this long was healthy: the next restart waits the least again. */
const HEALTHY_MS = 30_000;
/** How often a process with requests pending is checked for being stopped (SIGSTOP, a debugger). */
const WATCH_MS = 250;

/** One database process: requests in, results out. */
interface DatabaseProcess {
  pid: number;
  startedAt: number;
  call: Call;
  /** Whether it has ended (then every call fails at once). */
  ended(): boolean;
  close(): Promise<void>;
}

/** Supervises the embedded database's process; see the module's comment. */
export class Supervisor {
  readonly #options: SupervisorOptions;
  #process: DatabaseProcess;
  #generation = 1;
  #restarts = 0;
  #since: number | null = null;
  #reason: string | null = null;
  #backoff = MIN_BACKOFF_MS;
  #restartTimer: NodeJS.Timeout | undefined;
  #restartAt = 0;
  #closing = false;

  private constructor(options: SupervisorOptions, first: DatabaseProcess) {
    this.#options = options;
    this.#process = first;
  }

  /** Starts the first process; its failure to open the database is this call's. */
  static async start(options: SupervisorOptions): Promise<Supervisor> {
    let supervisor: Supervisor | undefined;
    const first = await startDatabaseProcess(options, (proc, why) => {
      if (supervisor) supervisor.#ended(proc, why);
    });
    supervisor = new Supervisor(options, first);
    options.onStart?.(first.pid);
    return supervisor;
  }

  /** The current process's pid. */
  get pid(): number {
    return this.#process.pid;
  }

  /** Counts the processes started: a transaction or COPY begun under one generation fails in the next. */
  get generation(): number {
    return this.#generation;
  }

  health(): DatabaseHealth {
    return {
      status: this.#process.ended() ? 'restarting' : 'ok',
      restarts: this.#restarts,
      since: this.#since === null ? null : new Date(this.#since).toISOString(),
      reason: this.#reason,
    };
  }

  /** Sends `request` to the current process; fails at once while there is none. */
  call: Call = (request) => {
    if (this.#closing) return Promise.reject(new Error('the store is closed'));
    if (this.#process.ended()) return Promise.reject(this.#unavailable());
    return this.#process.call(request);
  };

  /** {@link call}, but only while the process of `generation` is the current one. */
  callIn(generation: number, request: Parameters<Call>[0]): Promise<unknown> {
    if (generation !== this.#generation) return Promise.reject(new StoreUnavailableError('the embedded database was restarted: the transaction was rolled back; retry it', 1));
    return this.call(request);
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#restartTimer);
    if (!this.#process.ended()) await this.#process.close();
  }

  #unavailable(): StoreUnavailableError {
    const wait = Math.max(1, Math.ceil((this.#restartAt - Date.now()) / 1000) + 1);
    return new StoreUnavailableError(`the embedded database is restarting (${this.#reason ?? 'its process ended'}); retry in ${wait} s`, wait);
  }

  /** A process ended (`why`): unless the store is closing, a new one is started after the backoff. */
  #ended(proc: DatabaseProcess, why: string): void {
    if (this.#closing || proc !== this.#process) return;
    this.#since ??= Date.now();
    this.#reason = why;
    if (Date.now() - proc.startedAt > HEALTHY_MS) this.#backoff = MIN_BACKOFF_MS;
    this.#scheduleRestart();
  }

  #scheduleRestart(): void {
    const wait = this.#backoff;
    this.#backoff = Math.min(MAX_BACKOFF_MS, this.#backoff * 2);
    this.#restartAt = Date.now() + wait;
    this.#restartTimer = setTimeout(() => void this.#restart(), wait);
    this.#restartTimer.unref();
  }

  async #restart(): Promise<void> {
    if (this.#closing) return;
    this.#options.onRestart?.(this.#reason ?? 'its process ended');
    try {
      const next = await startDatabaseProcess(this.#options, (proc, why) => this.#ended(proc, why));
      if (this.#closing) {
        await next.close();
        return;
      }
      this.#process = next;
      this.#generation++;
      this.#restarts++;
      this.#since = null;
      this.#reason = null;
      this.#options.onStart?.(next.pid);
    } catch (err) {
      this.#reason = `starting it again failed: ${(err as Error).message}`;
      this.#scheduleRestart();
    }
  }
}

/** Whether `pid` is stopped (SIGSTOP, a tracer): Linux's /proc; `false` where it cannot tell. */
function isStopped(pid: number): boolean {
  const state = processState(pid);
  return state === 'T' || state === 't';
}

/**
 * Starts `pgliteServer.mjs` on `pgdata` and waits until it has opened the database. `onEnd` is told
 * when the process ends after that (with why).
 */
async function startDatabaseProcess(options: SupervisorOptions, onEnd: (proc: DatabaseProcess, why: string) => void): Promise<DatabaseProcess> {
  const deadlineMs = options.deadlineMs ?? 30_000;
  const bulkDeadlineMs = options.bulkDeadlineMs ?? 600_000;
  const child: ChildProcess = fork(fileURLToPath(new URL('./pgliteServer.mjs', import.meta.url)), [options.pgdata, JSON.stringify(options.startParams)], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + String(b)).slice(-4000)));
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void; timer: NodeJS.Timeout; sentAt: number; until: number }>();
  let nextId = 1;
  let ended: Error | undefined;
  let heardAt = Date.now();
  let isReady = false;
  let closing = false;
  const hold = () => child.channel?.ref();
  const letGo = () => {
    if (pending.size === 0) child.channel?.unref();
  };
  const settle = (id: number) => {
    const waiting = pending.get(id);
    if (!waiting) return undefined;
    pending.delete(id);
    clearTimeout(waiting.timer);
    letGo();
    return waiting;
  };
  const proc: DatabaseProcess = {
    pid: 0,
    startedAt: Date.now(),
    call: () => Promise.reject(new Error('not started')),
    ended: () => ended !== undefined,
    async close() {
      if (ended) return;
      closing = true;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      // held until the process has ended: the caller waits for it
      child.ref();
      // it may end first (a signal to the whole process group): then it has closed itself
      await proc.call({ op: 'close' }).catch((err: Error) => {
        if (!ended) throw err;
      });
      await gone;
    },
  };
  // a process stopped while requests wait for it is killed (then started again)
  const watchdog = setInterval(() => {
    if (pending.size > 0 && isStopped(child.pid!)) {
      ended ??= new StoreUnavailableError('the embedded database process was stopped and did not answer; it is being started again', 1);
      child.kill('SIGKILL');
    }
  }, WATCH_MS);
  watchdog.unref();
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: { ready?: boolean; id?: number; result?: unknown; error?: Record<string, unknown> }) => {
      heardAt = Date.now();
      if (message.ready !== undefined) {
        if (message.ready) resolve();
        else reject(fromPlain(message.error ?? {}, 'opening the embedded database failed: '));
        return;
      }
      const waiting = settle(message.id!);
      if (!waiting) return;
      if (message.error) waiting.reject(fromPlain(message.error));
      else waiting.resolve(message.result);
    });
    // a failed spawn or a message that cannot be sent (the process is gone): the sender is told
    // (send's callback, below); kept as the reason for any later request
    child.on('error', (err) => reject(err));
    child.once('exit', (code, signal) => {
      clearInterval(watchdog);
      const why = `the embedded database process ended (${signal ?? `exit code ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`;
      const reason = ended?.message ?? why;
      ended = new StoreUnavailableError(closing ? 'the store is closed' : `${reason}; it is being started again`, 1);
      reject(new Error(why));
      for (const id of [...pending.keys()]) settle(id)?.reject(ended);
      if (isReady && !closing) onEnd(proc, reason);
    });
  });
  try {
    await ready;
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  isReady = true;
  child.unref();
  (child.stderr as unknown as { unref(): void }).unref();
  letGo();
  proc.pid = child.pid!;
  proc.call = (request) => {
    if (ended) return Promise.reject(ended);
    const id = nextId++;
    const deadline = BULK_OPS.has(request.op) ? bulkDeadlineMs : deadlineMs;
    return new Promise((resolve, reject) => {
      const sentAt = Date.now();
      const timer = setTimeout(() => {
        if (!settle(id)) return;
        // nothing at all heard since this request was sent, and no request sent before it is still
        // within its own (longer) deadline: the process is stuck, not busy with that one
        const busy = [...pending.values()].some((other) => other.sentAt <= sentAt && other.until > Date.now());
        if (heardAt < sentAt && !busy && !ended) {
          ended = new StoreUnavailableError(`the embedded database did not answer within ${Math.round(deadline / 1000)} s`, 1);
          child.kill('SIGKILL');
        }
        reject(new StoreUnavailableError(`the embedded database did not answer within ${Math.round(deadline / 1000)} s; retry shortly`, 5));
      }, deadline);
      timer.unref();
      pending.set(id, { resolve, reject, timer, sentAt, until: sentAt + deadline });
      hold();
      child.send({ ...request, id }, (err) => {
        if (!err) return;
        settle(id)?.reject(ended ?? new StoreUnavailableError(`the embedded database process cannot be reached (${err.message})`, 1));
      });
    });
  };
  return proc;
}

/** An error from the database process, with PostgreSQL's fields (code, detail…) as it sent them. */
function fromPlain(fields: Record<string, unknown>, prefix = ''): Error {
  const err = new Error(`${prefix}${String(fields.message ?? 'unknown error')}`);
  for (const [key, value] of Object.entries(fields)) if (key !== 'message' && key !== 'name') (err as unknown as Record<string, unknown>)[key] = value;
  return err;
}
