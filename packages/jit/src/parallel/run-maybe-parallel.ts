// wasmtime's `run_maybe_parallel`: the same task over independent items, on worker threads
// when that is allowed and can help, inline otherwise, with outputs in input order either way.
//
// Every lane (the calling thread and each worker) claims the next unclaimed item from a shared
// counter until none is left, so items are claimed in increasing order, and a worker that is
// slow to start (a new thread, code V8 has not optimized yet) simply claims fewer. When the
// counter runs out, the calling thread walks the items in order and does not wait for a worker
// still busy with one: it runs that item itself (the tasks are pure, so whichever copy finishes
// is as good as the other). A run therefore never takes much longer than running inline, even
// with cold, overloaded or stuck workers; it costs at most one duplicated item per worker.
//
// Errors: a failing lane sets a stop flag, so nothing new is claimed. Every item below the
// lowest failing one was claimed before it and is finished by the walk, so the error thrown is
// that of the lowest failing item: the one a sequential run would have thrown.

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
  /** Which items this thread ran (and so whose output is in `outputs` already). */
  readonly ranHere: Uint8Array;
}

/**
 * Runs `task` over `items`, on the pool's workers and the calling thread, and returns when all
 * are done. The calling thread never waits for a worker.
 * @returns the outputs, in the order of `items`
 * @throws the error of the first failing item in input order (a ValidationError from a worker
 *   arrives as a ValidationError with the same reason and offset; other errors as Error)
 * @throws Error when a worker thread exited while running an item
 */
export function runMaybeParallel<S, I, O>(items: readonly I[], task: ParallelTask<S, I, O>, options: RunMaybeParallelOptions<S, I, O>): O[] {
  const lanes = parallelLanes(items.length, options);
  const inline = options.inline ?? task.prepare(options.shared);
  if (lanes === 1 || options.pool === null) return items.map(inline);
  const control = new SharedArrayBuffer(8);
  const status = new SharedArrayBuffer(4 * items.length);
  const ports = options.pool.start(lanes - 1, { moduleUrl: task.moduleUrl, exportName: task.exportName, shared: options.shared, items, control, status });
  const run: Run<O> = {
    pool: options.pool,
    ports,
    control: new Int32Array(control),
    status: new Int32Array(status),
    outputs: new Array<O>(items.length),
    ranHere: new Uint8Array(items.length),
  };
  try {
    claimItems(run, items, inline);
    finishItems(run, items, inline);
    collectWorkerOutputs(run);
    return run.outputs;
  } finally {
    for (const port of ports) port.close();
  }
}

// This thread's lane: claim and run items until none is left or a lane failed.
function claimItems<I, O>(run: Run<O>, items: readonly I[], inline: (item: I) => O): void {
  const { control, status } = run;
  while (Atomics.load(control, CONTROL_STOP) === 0) {
    const index = Atomics.add(control, CONTROL_NEXT, 1);
    if (index >= items.length) return;
    run.ranHere[index] = 1;
    try {
      run.outputs[index] = inline(items[index] as I);
    } catch (error) {
      // Nothing new is claimed after a failure; the walk in `finishItems` throws the lowest.
      Atomics.store(control, CONTROL_STOP, 1);
      Atomics.store(status, index, ITEM_FAILED);
      throw firstFailure(run, items, inline, index, error);
    }
    Atomics.store(status, index, ITEM_DONE);
  }
}

// The error to throw when this thread's item `failed` threw `error`: items below it may be
// unfinished (on a worker) or have failed there first.
function firstFailure<I, O>(run: Run<O>, items: readonly I[], inline: (item: I) => O, failed: number, error: unknown): unknown {
  try {
    finishItems(run, items.slice(0, failed), inline);
  } catch (lower) {
    return lower;
  }
  return error;
}

// Walks the items in order: takes the workers' finished ones, runs the unfinished ones here,
// and throws at the first failure.
function finishItems<I, O>(run: Run<O>, items: readonly I[], inline: (item: I) => O): void {
  for (let index = 0; index < items.length; index++) {
    const state = Atomics.load(run.status, index);
    if (state === ITEM_DONE) continue;
    if (state === ITEM_PENDING) {
      // Still running on a worker: running it here is quicker than waiting for a slow worker.
      try {
        run.outputs[index] = inline(items[index] as I);
      } catch (error) {
        Atomics.store(run.control, CONTROL_STOP, 1);
        throw error;
      }
      run.ranHere[index] = 1;
      continue;
    }
    Atomics.store(run.control, CONTROL_STOP, 1);
    switch (state) {
      case ITEM_FAILED:
        if (run.ranHere[index] === 1) throw new Error(`internal error: item ${index} failed here without a throw`);
        throw workerError(run, index);
      case ITEM_WORKER_EXITED:
        throw new Error('a compilation worker thread exited while running a task');
      default:
        throw new Error(`internal error: item ${index} has the unknown status ${state}`);
    }
  }
}

function workerError<O>(run: Run<O>, index: number): unknown {
  for (const port of run.ports) {
    for (const outcome of run.pool.drain(port)) {
      if ('error' in outcome && outcome.index === index) return rebuildTaskError(outcome.error);
    }
  }
  return new Error(`internal error: no outcome for the failed item ${index}`);
}

function collectWorkerOutputs<O>(run: Run<O>): void {
  for (const port of run.ports) {
    for (const outcome of run.pool.drain(port)) {
      // The worker ran the task's own function, so its output is the task's O.
      if ('output' in outcome && run.ranHere[outcome.index] !== 1) run.outputs[outcome.index] = outcome.output as O;
    }
  }
}
