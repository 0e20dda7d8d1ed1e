// Worker threads for CPU-bound compilation work, owned by whoever creates the pool (the api's
// Engine), never by the module: two engines, tests and workers then never share threads by
// accident (STYLE.md: no hidden global state). The pool only starts threads and delivers
// runs; how a run is shared out and awaited is run-maybe-parallel.ts's business. Node only:
// elsewhere (browsers) the pool has no workers and callers run everything inline.

import type { ItemOutcome, RunRequest } from './worker-protocol.js';

type WorkerThreads = typeof import('node:worker_threads');
type Worker = InstanceType<WorkerThreads['Worker']>;
/** The calling thread's end of a run's reply channel on one worker. */
export type ReplyPort = InstanceType<WorkerThreads['MessagePort']>;

/** Options of a `WorkerPool`. */
export interface WorkerPoolOptions {
  /** At most this many workers; by default one less than the host's cores (the caller works too). */
  readonly maxWorkers?: number;
}

function nodeBuiltin<T>(id: string): T | null {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return (host?.getBuiltinModule?.(id) as T | undefined) ?? null;
}

function hostCores(): number {
  const os = nodeBuiltin<typeof import('node:os')>('node:os');
  if (os === null) return 1;
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * A lazily started set of worker threads for `runMaybeParallel`. Workers start on first use,
 * are unref'd (an idle pool never keeps the process alive), and are replaced if one dies.
 * `close` stops them (a stuck one included); a later use starts new ones.
 */
export class WorkerPool {
  readonly #threads: WorkerThreads | null;
  readonly #size: number;
  readonly #workers: (Worker | null)[] = [];

  constructor(options: WorkerPoolOptions = {}) {
    this.#threads = nodeBuiltin<WorkerThreads>('node:worker_threads');
    const cores = this.#threads === null ? 1 : hostCores();
    this.#size = Math.max(0, Math.min(cores - 1, options.maxWorkers ?? Number.POSITIVE_INFINITY));
  }

  /** How many workers the pool uses at most: 0 where the host has no worker threads or one core. */
  get size(): number {
    return this.#size;
  }

  /** Whether every worker is running (started and not dead), so a run would not wait for one to load. */
  get started(): boolean {
    if (this.#size === 0) return false;
    for (let slot = 0; slot < this.#size; slot++) {
      const worker = this.#workers[slot];
      if (worker === undefined || worker === null) return false;
    }
    return true;
  }

  /**
   * Starts every worker now, without work: a worker takes tens of milliseconds to load, which
   * a caller can overlap with work of its own instead of paying it in the first run.
   */
  prestart(): void {
    const threads = this.#threads;
    if (threads === null) return;
    for (let slot = 0; slot < this.#size; slot++) this.#worker(threads, slot);
  }

  /**
   * Hands the run to `count` workers, each with its own reply port.
   * @returns the calling thread's ends of the reply ports
   * @throws RangeError when `count` exceeds `size`
   */
  start(count: number, run: Omit<RunRequest, 'port'>): ReplyPort[] {
    const threads = this.#threads;
    if (count > this.#size || threads === null) throw new RangeError(`a pool of ${this.#size} workers cannot take ${count} of them`);
    const ports: ReplyPort[] = [];
    for (let slot = 0; slot < count; slot++) {
      const { port1, port2 } = new threads.MessageChannel();
      const request: RunRequest = { ...run, port: port2 };
      this.#worker(threads, slot).postMessage(request, [port2]);
      ports.push(port1);
    }
    return ports;
  }

  /**
   * The outcomes a worker has posted on `port` so far, without waiting.
   * @throws RangeError on a host without worker threads (no run could have started)
   */
  drain(port: ReplyPort): ItemOutcome[] {
    if (this.#threads === null) throw new RangeError('this host has no worker threads');
    const outcomes: ItemOutcome[] = [];
    for (let message = this.#threads.receiveMessageOnPort(port); message !== undefined; message = this.#threads.receiveMessageOnPort(port)) {
      // Only worker.ts posts on these ports, and it posts ItemOutcomes.
      outcomes.push(message.message as ItemOutcome);
    }
    return outcomes;
  }

  /** Stops every worker; resolves when they have exited. The pool stays usable. */
  async close(): Promise<void> {
    const workers = this.#workers.splice(0);
    await Promise.all(workers.map((worker) => worker?.terminate()));
  }

  #worker(threads: WorkerThreads, slot: number): Worker {
    const existing = this.#workers[slot];
    if (existing !== undefined && existing !== null) return existing;
    const worker = new threads.Worker(new URL('./worker.js', import.meta.url));
    // The pool must never keep the process alive on its own.
    worker.unref();
    // A worker that dies is dropped, and the next use of its slot starts a new one.
    worker.on('exit', () => this.#forget(slot, worker));
    worker.on('error', () => this.#forget(slot, worker));
    while (this.#workers.length <= slot) this.#workers.push(null);
    this.#workers[slot] = worker;
    return worker;
  }

  #forget(slot: number, worker: Worker): void {
    if (this.#workers[slot] === worker) this.#workers[slot] = null;
  }
}
