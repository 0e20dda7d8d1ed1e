// wasmtime's `run_maybe_parallel`: the same task over independent items, on worker threads
// when that is allowed and can help, inline otherwise, with outputs in input order either way.
//
// Every lane (the calling thread and each worker) claims the next unclaimed item from a shared
// counter until none is left, so the items are claimed in increasing order. A lane that fails
// sets a stop flag and no new item is claimed. The caller then walks the items in order: every
// item below the lowest failing one was claimed before it, so it finishes; the error reported is
// that of the lowest failing item, which is the one a sequential run would have thrown.

import { rebuildTaskError } from './task-error.js';
import type { ParallelTask } from './parallel-task.js';
import type { ReplyPort, WorkerPool } from './worker-pool.js';
import {
  CONTROL_NEXT,
  CONTROL_STOP,
  ITEM_DONE,
  ITEM_FAILED,
  ITEM_PENDING,
  ITEM_WORKER_EXITED,
} from './worker-protocol.js';

// ES2024's Atomics.waitAsync (Node 16+), which our ES2023 lib does not declare.
interface AtomicsWithWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number, timeout: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** How `runMaybeParallel` may run a task. */
export interface RunMaybeParallelOptions<S, I, O> {
  /** Whether workers may be used at all (the engine's `Config.parallelCompilation`). */
  readonly parallel: boolean;
  /** The caller's pool; none, or one of size 0, means inline. */
  readonly pool: WorkerPool | null;
  /** The run's input common to all items, given to `task.prepare` once per thread. */
  readonly shared: S;
  /**
   * How the calling thread runs an item, when it has a faster way than `task.prepare(shared)`
   * (for example state the workers must re-derive).
   */
  readonly inline?: (item: I) => O;
}

/** The lanes that would run `itemCount` items: 1 (inline) unless workers may and can help. */
export function parallelLanes(itemCount: number, options: { readonly parallel: boolean; readonly pool: WorkerPool | null }): number {
  if (!options.parallel || options.pool === null || itemCount < 2) return 1;
  return Math.min(options.pool.size + 1, itemCount);
}

interface Run<O> {
  readonly pool: WorkerPool;
  readonly ports: readonly ReplyPort[];
  readonly control: Int32Array;
  readonly status: Int32Array;
  readonly outputs: O[];
  /** The calling thread's own failures, by item (at most one: it stops at its first). */
  readonly ownErrors: Map<number, unknown>;
  /** What the run throws, once found. */
  failure: { readonly error: unknown } | null;
}

/**
 * Runs `task` over `items`, blocking until all are done.
 * @returns the outputs, in the order of `items`
 * @throws the error of the first failing item in input order (a ValidationError from a worker
 *   arrives as a ValidationError with the same reason and offset; other errors as Error)
 * @throws Error when a worker thread exits or hangs while running an item
 */
export function runMaybeParallel<S, I, O>(items: readonly I[], task: ParallelTask<S, I, O>, options: RunMaybeParallelOptions<S, I, O>): O[] {
  const lanes = parallelLanes(items.length, options);
  const inline = options.inline ?? task.prepare(options.shared);
  if (lanes === 1 || options.pool === null) return items.map(inline);
  const run = startRun(items, task, options.pool, lanes, options.shared);
  runOwnLane(run, items, inline);
  for (let i = 0; i < items.length; i++) {
    if (Atomics.load(run.status, i) === ITEM_PENDING) {
      Atomics.wait(run.status, i, ITEM_PENDING, run.pool.timeoutMs);
    }
    if (settle(run, i)) break;
  }
  return finishRun(run);
}

/**
 * `runMaybeParallel` without blocking the event loop while workers finish (the calling thread
 * still runs the items it claims synchronously).
 * @returns the outputs, in the order of `items`
 * @throws as `runMaybeParallel`
 */
export async function runMaybeParallelAsync<S, I, O>(items: readonly I[], task: ParallelTask<S, I, O>, options: RunMaybeParallelOptions<S, I, O>): Promise<O[]> {
  const lanes = parallelLanes(items.length, options);
  const inline = options.inline ?? task.prepare(options.shared);
  if (lanes === 1 || options.pool === null) return items.map(inline);
  const run = startRun(items, task, options.pool, lanes, options.shared);
  runOwnLane(run, items, inline);
  for (let i = 0; i < items.length; i++) {
    if (Atomics.load(run.status, i) === ITEM_PENDING) {
      const waiting = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(run.status, i, ITEM_PENDING, run.pool.timeoutMs);
      if (waiting.async) await waiting.value;
    }
    if (settle(run, i)) break;
  }
  return finishRun(run);
}

function startRun<S, I, O>(items: readonly I[], task: ParallelTask<S, I, O>, pool: WorkerPool, lanes: number, shared: S): Run<O> {
  const control = new SharedArrayBuffer(8);
  const status = new SharedArrayBuffer(4 * items.length);
  const ports = pool.start(lanes - 1, { moduleUrl: task.moduleUrl, exportName: task.exportName, shared, items, control, status });
  return {
    pool,
    ports,
    control: new Int32Array(control),
    status: new Int32Array(status),
    outputs: new Array<O>(items.length),
    ownErrors: new Map(),
    failure: null,
  };
}

function runOwnLane<I, O>(run: Run<O>, items: readonly I[], inline: (item: I) => O): void {
  const { control, status } = run;
  while (Atomics.load(control, CONTROL_STOP) === 0) {
    const index = Atomics.add(control, CONTROL_NEXT, 1);
    if (index >= items.length) return;
    try {
      run.outputs[index] = inline(items[index] as I);
      Atomics.store(status, index, ITEM_DONE);
    } catch (error) {
      // Kept, not thrown yet: a lower item on a worker may fail too.
      Atomics.store(control, CONTROL_STOP, 1);
      run.ownErrors.set(index, error);
      Atomics.store(status, index, ITEM_FAILED);
    }
  }
}

// Item i is settled or the run is over: returns true once the first failure is found (the
// caller stops there and `finishRun` throws it).
function settle<O>(run: Run<O>, index: number): boolean {
  const state = Atomics.load(run.status, index);
  if (state === ITEM_DONE) return false;
  // Stop the other lanes: nothing after this item matters any more.
  Atomics.store(run.control, CONTROL_STOP, 1);
  if (state === ITEM_FAILED) {
    run.failure = { error: run.ownErrors.has(index) ? run.ownErrors.get(index) : workerError(run, index) };
    return true;
  }
  // A hung worker is still running and a dead one left a slot to refill: start afresh.
  run.pool.discardWorkers();
  const reason = state === ITEM_WORKER_EXITED ? 'a compilation worker thread exited while running a task' : `a compilation worker did not finish a task within ${run.pool.timeoutMs} ms`;
  run.failure = { error: new Error(reason) };
  return true;
}

function workerError<O>(run: Run<O>, index: number): unknown {
  for (const port of run.ports) {
    for (const outcome of run.pool.drain(port)) {
      if ('error' in outcome && outcome.index === index) return rebuildTaskError(outcome.error);
    }
  }
  return new Error(`internal error: no outcome for failed item ${index}`);
}

function finishRun<O>(run: Run<O>): O[] {
  try {
    if (run.failure !== null) throw run.failure.error;
    for (const port of run.ports) {
      for (const outcome of run.pool.drain(port)) {
        if ('output' in outcome) run.outputs[outcome.index] = outcome.output as O;
      }
    }
    return run.outputs;
  } finally {
    for (const port of run.ports) port.close();
  }
}
