// Worker threads for CPU-bound compilation work, owned by whoever creates the pool (the api's
// Engine), never by the module: two engines, tests and workers then never share threads by
// accident (STYLE.md: no hidden global state).
//
// Why a caller can block: wasmtime's `run_maybe_parallel` is synchronous, and so are
// `Module.new`/`Module.fromBinary`. Each request carries a shared flag the worker sets after
// posting its reply, so the caller can `Atomics.wait` on it and then take the reply with
// `receiveMessageOnPort`, without returning to the event loop. Node only: elsewhere (browsers)
// the pool has no workers and callers run everything inline.

import { rebuildTaskError } from './task-error.js';
import type { ParallelTask } from './parallel-task.js';
import { FLAG_PENDING, type BatchReply, type BatchRequest } from './worker-protocol.js';

type WorkerThreads = typeof import('node:worker_threads');
type Worker = InstanceType<WorkerThreads['Worker']>;

/** How long a caller waits for a worker by default before giving up, so nothing hangs forever. */
const DEFAULT_TIMEOUT_MS = 300_000;

/** What one worker's batch gave: outputs of the inputs before the first error, and that error. */
export interface BatchOutcome<O> {
  readonly results: readonly O[];
  /** The first failing input's index in the batch, and its error rebuilt on this thread. */
  readonly error: { readonly index: number; readonly error: Error } | null;
}

/** Batches handed to workers, whose outcomes can be awaited or blocked on. */
export interface DispatchedBatches<O> {
  /**
   * Blocks the calling thread until every batch is answered (Node allows it on the main
   * thread). Outcomes are in batch order.
   * @throws Error when a worker exited without answering or did not answer within the timeout
   */
  waitSync(): BatchOutcome<O>[];
  /**
   * Waits without blocking. Outcomes are in batch order.
   * @throws Error when a worker exited without answering or did not answer within the timeout
   */
  wait(): Promise<BatchOutcome<O>[]>;
}

/** Options of a `WorkerPool`. */
export interface WorkerPoolOptions {
  /** At most this many workers; by default one less than the host's cores (the caller works too). */
  readonly maxWorkers?: number;
  /** How long to wait for one batch before failing with an Error; 5 minutes by default. */
  readonly timeoutMs?: number;
}

interface PendingBatch {
  readonly slot: number;
  readonly worker: Worker;
  readonly port: InstanceType<WorkerThreads['MessagePort']>;
  readonly flag: Int32Array;
}

function workerThreads(): WorkerThreads | null {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = host?.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
  return threads ?? null;
}

function hostCores(): number {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = host?.getBuiltinModule?.('node:os') as typeof import('node:os') | undefined;
  if (os === undefined) return 1;
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * A lazily started set of worker threads running `ParallelTask`s. Workers start on first use,
 * are unref'd (an idle pool never keeps the process alive), and are replaced if one dies.
 * `close` stops them; a later use starts new ones.
 */
export class WorkerPool {
  readonly #threads: WorkerThreads | null;
  readonly #size: number;
  readonly #timeoutMs: number;
  readonly #workers: (Worker | null)[] = [];

  constructor(options: WorkerPoolOptions = {}) {
    this.#threads = workerThreads();
    const cores = this.#threads === null ? 1 : hostCores();
    this.#size = Math.max(0, Math.min(cores - 1, options.maxWorkers ?? Number.POSITIVE_INFINITY));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** How many workers the pool uses at most: 0 where the host has no worker threads or one core. */
  get size(): number {
    return this.#size;
  }

  /**
   * Hands batch `i` to worker `i`; each worker runs its inputs in order and stops at the first
   * error.
   * @throws RangeError when there are more batches than `size`
   */
  dispatch<I, O>(task: ParallelTask<I, O>, batches: readonly (readonly I[])[]): DispatchedBatches<O> {
    const threads = this.#threads;
    if (batches.length > this.#size || threads === null) {
      throw new RangeError(`a pool of ${this.#size} workers cannot take ${batches.length} batches`);
    }
    const pending: PendingBatch[] = batches.map((inputs, slot) => {
      const worker = this.#worker(threads, slot);
      const { port1, port2 } = new threads.MessageChannel();
      const flag = new SharedArrayBuffer(4);
      const request: BatchRequest = { moduleUrl: task.moduleUrl, exportName: task.exportName, inputs, port: port2, flag };
      worker.postMessage(request, [port2]);
      return { slot, worker, port: port1, flag: new Int32Array(flag) };
    });
    return {
      waitSync: () => pending.map((batch) => this.#waitSync<O>(threads, batch)),
      wait: () => Promise.all(pending.map((batch) => this.#wait<O>(batch))),
    };
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
    // A worker that dies is dropped, and the next use of its slot starts a new one. Callers
    // waiting on it learn of the death through their flag or their `wait`.
    worker.on('exit', () => this.#forget(slot, worker));
    worker.on('error', () => this.#forget(slot, worker));
    while (this.#workers.length <= slot) this.#workers.push(null);
    this.#workers[slot] = worker;
    return worker;
  }

  #forget(slot: number, worker: Worker): void {
    if (this.#workers[slot] === worker) this.#workers[slot] = null;
  }

  #waitSync<O>(threads: WorkerThreads, batch: PendingBatch): BatchOutcome<O> {
    const outcome = Atomics.wait(batch.flag, 0, FLAG_PENDING, this.#timeoutMs);
    const message = threads.receiveMessageOnPort(batch.port);
    batch.port.close();
    if (message !== undefined) return outcomeOf<O>(message.message as BatchReply);
    // No reply: the worker died or hangs. Either way it is done for; its slot gets a new one.
    this.#forget(batch.slot, batch.worker);
    void batch.worker.terminate();
    if (outcome === 'timed-out') throw new Error(`a compilation worker did not answer within ${this.#timeoutMs} ms`);
    throw new Error('a compilation worker thread exited before answering');
  }

  #wait<O>(batch: PendingBatch): Promise<BatchOutcome<O>> {
    return new Promise((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        batch.worker.off('exit', onExit);
        batch.port.close();
      };
      const onExit = (): void => {
        finish();
        reject(new Error('a compilation worker thread exited before answering'));
      };
      const timer = setTimeout(() => {
        finish();
        this.#forget(batch.slot, batch.worker);
        void batch.worker.terminate();
        reject(new Error(`a compilation worker did not answer within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      timer.unref();
      batch.worker.on('exit', onExit);
      batch.port.once('message', (reply: BatchReply) => {
        finish();
        resolve(outcomeOf<O>(reply));
      });
    });
  }
}

function outcomeOf<O>(reply: BatchReply): BatchOutcome<O> {
  return {
    // The worker ran the task's own function, so its outputs are the task's O.
    results: reply.results as O[],
    error: reply.error === null ? null : { index: reply.error.index, error: rebuildTaskError(reply.error.error) },
  };
}
