// environ's `translateModule` with the function bodies validated on several threads, as
// wasmtime validates function bodies in parallel. The sections are read once here (they are
// cheap and give the context C); the bodies, where the time goes, are cut into one contiguous
// range per lane, balanced by byte size. The result, and the error for an invalid module, are
// those of `translateModule`: ranges run in function order and the lowest failing range wins.

import {
  moduleTranslationFromState,
  readModuleSections,
  validateFunctionBodies,
  type ModuleState,
  type ModuleTranslation,
  type WasmFeatures,
} from '@tswasm/environ';
import { parallelLanes, runMaybeParallel, runMaybeParallelAsync, type RunMaybeParallelOptions } from './run-maybe-parallel.js';
import { VALIDATE_FUNCTION_BODIES_TASK, type FunctionBodyRange } from './validate-bodies-task.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Below this many bytes of function bodies, validating on one thread is faster than handing
 * work to a worker (which re-reads the sections and answers through a message). Measured by
 * tools/src/bench/parallel-validate.ts on a 2-core machine; see the report there.
 */
export const PARALLEL_VALIDATION_MIN_CODE_BYTES = 1_000_000;

/**
 * The calling thread's share of the bodies relative to one worker's. Measured on a 10 MB
 * module: a worker spends about 10% of its time re-reading the sections and answering.
 */
const OWN_LANE_WEIGHT = 1.15;

/** Options of `translateModuleParallel`. */
export interface TranslateModuleParallelOptions {
  /** Whether workers may be used (the engine's `Config.parallelCompilation`); true by default. */
  readonly parallel?: boolean;
  /** Validate on one thread below this many bytes of bodies; PARALLEL_VALIDATION_MIN_CODE_BYTES by default. */
  readonly minCodeBytes?: number;
}

interface Plan {
  readonly state: ModuleState;
  readonly ranges: FunctionBodyRange[];
  readonly options: RunMaybeParallelOptions<FunctionBodyRange, null>;
}

/**
 * Validates and translates a core module as environ's `translateModule`, validating function
 * bodies on `pool`'s workers too when the module is large enough to gain from it.
 * @param bytes the module's binary; kept (not copied) as `wasm` in the result
 * @throws ValidationError when the module is malformed or invalid: the same error, offset
 *   included, as `translateModule`
 * @throws Error when a worker thread exits or hangs without answering
 */
export function translateModuleParallel(bytes: Uint8Array, features: WasmFeatures, pool: WorkerPool | null, options: TranslateModuleParallelOptions = {}): ModuleTranslation {
  const plan = planValidation(bytes, features, pool, options);
  if (plan.ranges.length <= 1) validateFunctionBodies(plan.state, 0, plan.state.functionBodies.length);
  else runMaybeParallel(plan.ranges, VALIDATE_FUNCTION_BODIES_TASK, plan.options);
  return moduleTranslationFromState(plan.state, bytes);
}

/**
 * `translateModuleParallel` without blocking the event loop while workers validate.
 * @throws as `translateModuleParallel`
 */
export async function translateModuleParallelAsync(bytes: Uint8Array, features: WasmFeatures, pool: WorkerPool | null, options: TranslateModuleParallelOptions = {}): Promise<ModuleTranslation> {
  const plan = planValidation(bytes, features, pool, options);
  if (plan.ranges.length <= 1) validateFunctionBodies(plan.state, 0, plan.state.functionBodies.length);
  else await runMaybeParallelAsync(plan.ranges, VALIDATE_FUNCTION_BODIES_TASK, plan.options);
  return moduleTranslationFromState(plan.state, bytes);
}

function planValidation(bytes: Uint8Array, features: WasmFeatures, pool: WorkerPool | null, options: TranslateModuleParallelOptions): Plan {
  const state = readModuleSections(bytes, features);
  const bodies = state.functionBodies;
  let codeBytes = 0;
  for (const body of bodies) codeBytes += body.length;
  const parallel = (options.parallel ?? true) && codeBytes >= (options.minCodeBytes ?? PARALLEL_VALIDATION_MIN_CODE_BYTES);
  const lanes = parallelLanes(bodies.length, { parallel, pool });
  const runOptions: RunMaybeParallelOptions<FunctionBodyRange, null> = {
    parallel,
    pool,
    // This thread already holds the context, so it validates its range without re-reading.
    inline: (range) => {
      validateFunctionBodies(state, range.firstBody, range.endBody);
      return null;
    },
  };
  if (lanes <= 1) return { state, ranges: [], options: runOptions };
  // One copy into shared memory, so every worker reads the same bytes without a copy each.
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  // Lane 0 (this thread) takes a larger share: each worker first re-reads the sections and
  // its answer travels back through a message.
  const shares = lanes - 1 + OWN_LANE_WEIGHT;
  const ranges: FunctionBodyRange[] = [];
  let first = 0;
  let done = 0;
  for (let lane = 0; lane < lanes; lane++) {
    const target = (codeBytes * (OWN_LANE_WEIGHT + lane)) / shares;
    let end = first;
    while (end < bodies.length && (lane === lanes - 1 || done < target)) done += bodies[end++]?.length ?? 0;
    ranges.push({ wasm: shared, moduleStart: 0, moduleEnd: bytes.length, features, firstBody: first, endBody: end });
    first = end;
  }
  return { state, ranges, options: runOptions };
}
