// wasmtime's `run_maybe_parallel`: the same task over independent items, on worker threads
// when that is allowed and can help, inline otherwise, with results in input order either way.
//
// The calling thread is one of the lanes: with n workers, the items are dealt into n + 1
// lanes, lane 0 runs here while the others run on workers. Each lane runs its items in
// increasing order and stops at its first error; the error reported is that of the lowest
// failing item, which is exactly the one a sequential run would have thrown (every lower item
// ran, successfully, in some lane).

import type { ParallelTask } from './parallel-task.js';
import type { BatchOutcome, WorkerPool } from './worker-pool.js';

/** How `runMaybeParallel` may run a task. */
export interface RunMaybeParallelOptions<I, O> {
  /** Whether workers may be used at all (the engine's `Config.parallelCompilation`). */
  readonly parallel: boolean;
  /** The caller's pool; none, or one of size 0, means inline. */
  readonly pool: WorkerPool | null;
  /**
   * How the calling thread runs its own items, when it has a faster way than `task.run` (for
   * example state the workers must re-derive); `index` is the item's position in `items`.
   */
  readonly inline?: (item: I, index: number) => O;
}

/** The lanes that would run `itemCount` items: 1 (inline) unless workers may and can help. */
export function parallelLanes(itemCount: number, options: { readonly parallel: boolean; readonly pool: WorkerPool | null }): number {
  if (!options.parallel || options.pool === null || itemCount < 2) return 1;
  return Math.min(options.pool.size + 1, itemCount);
}

/**
 * Runs `task` over `items`, blocking until all are done.
 * @returns the outputs, in the order of `items`
 * @throws the error of the first failing item in input order (a ValidationError from a worker
 *   arrives as a ValidationError with the same reason and offset; other errors as Error)
 * @throws Error when a worker thread exits or hangs without answering
 */
export function runMaybeParallel<I, O>(items: readonly I[], task: ParallelTask<I, O>, options: RunMaybeParallelOptions<I, O>): O[] {
  const lanes = parallelLanes(items.length, options);
  const inline = options.inline ?? ((item: I) => task.run(item));
  if (lanes === 1 || options.pool === null) return items.map((item, index) => inline(item, index));
  const dispatched = options.pool.dispatch(task, workerBatches(items, lanes));
  const own = runOwnLane(items, lanes, inline);
  return collect(items.length, lanes, own, dispatched.waitSync());
}

/**
 * `runMaybeParallel` without blocking the event loop while workers run (the calling thread
 * still runs its own lane synchronously).
 * @returns the outputs, in the order of `items`
 * @throws as `runMaybeParallel`
 */
export async function runMaybeParallelAsync<I, O>(items: readonly I[], task: ParallelTask<I, O>, options: RunMaybeParallelOptions<I, O>): Promise<O[]> {
  const lanes = parallelLanes(items.length, options);
  const inline = options.inline ?? ((item: I) => task.run(item));
  if (lanes === 1 || options.pool === null) return items.map((item, index) => inline(item, index));
  const dispatched = options.pool.dispatch(task, workerBatches(items, lanes));
  const own = runOwnLane(items, lanes, inline);
  return collect(items.length, lanes, own, await dispatched.wait());
}

// Item i goes to lane i % lanes; lane k > 0 is worker k - 1.
function workerBatches<I>(items: readonly I[], lanes: number): I[][] {
  const batches: I[][] = [];
  for (let lane = 1; lane < lanes; lane++) {
    const batch: I[] = [];
    for (let i = lane; i < items.length; i += lanes) batch.push(items[i] as I);
    batches.push(batch);
  }
  return batches;
}

function runOwnLane<I, O>(items: readonly I[], lanes: number, inline: (item: I, index: number) => O): BatchOutcome<O> {
  const results: O[] = [];
  let batchIndex = 0;
  try {
    for (let i = 0; i < items.length; i += lanes, batchIndex++) results.push(inline(items[i] as I, i));
  } catch (error) {
    // Kept, not thrown yet: a lower item on a worker may have failed first.
    return { results, error: { index: batchIndex, error: error instanceof Error ? error : new Error(String(error)) } };
  }
  return { results, error: null };
}

function collect<O>(count: number, lanes: number, own: BatchOutcome<O>, workers: readonly BatchOutcome<O>[]): O[] {
  const outcomes = [own, ...workers];
  let firstError: { item: number; error: Error } | null = null;
  for (let lane = 0; lane < outcomes.length; lane++) {
    const failure = outcomes[lane]?.error;
    if (failure === null || failure === undefined) continue;
    const item = lane + failure.index * lanes;
    if (firstError === null || item < firstError.item) firstError = { item, error: failure.error };
  }
  if (firstError !== null) throw firstError.error;
  const results: O[] = new Array<O>(count);
  for (let lane = 0; lane < outcomes.length; lane++) {
    const laneResults = outcomes[lane]?.results ?? [];
    for (let j = 0; j < laneResults.length; j++) results[lane + j * lanes] = laneResults[j] as O;
  }
  return results;
}
