// environ's `translateModule` with the function bodies validated on several threads, as
// wasmtime validates function bodies in parallel. The sections are read once here (they are
// cheap and give the context C); the bodies, where the time goes, are cut into contiguous
// ranges of about equal byte size, which the lanes claim in function order (runMaybeParallel).
// The result, and the error for an invalid module, are those of `translateModule`: each range
// stops at its first invalid body and the lowest failing range wins.

import {
  moduleTranslationFromState,
  readModuleSections,
  validateFunctionBodies,
  type ModuleState,
  type ModuleTranslation,
  type WasmFeatures,
} from '@tswasm/environ';
import { bodyBytes, bodyRangeBytes, cutBodyRanges } from './body-ranges.js';
import { parallelLanes, runMaybeParallel } from './run-maybe-parallel.js';
import { VALIDATE_FUNCTION_BODIES_TASK, type FunctionBodyRange } from './validate-bodies-task.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Below this many bytes of function bodies, bodies are validated on the calling thread only.
 * The parallel path costs the caller a copy of the bytes into shared memory and a worker's
 * start-up on the cores; tools/src/bench/parallel-validate.ts measured a gain (0.67-0.69x) at
 * 2.4 MB on a 2-core machine. Smaller real modules were not measured; 1 MB is a cautious guess.
 */
export const PARALLEL_VALIDATION_MIN_CODE_BYTES = 1_000_000;

/** Options of `translateModuleParallel`. */
export interface TranslateModuleParallelOptions {
  /** Whether workers may be used (the engine's `Config.parallelCompilation`); true by default. */
  readonly parallel?: boolean;
  /** Validate on one thread below this many bytes of bodies; PARALLEL_VALIDATION_MIN_CODE_BYTES by default. */
  readonly minCodeBytes?: number;
  /** The smallest range of bodies a lane claims, in bytes; 32 KiB by default. */
  readonly minRangeBytes?: number;
}

/**
 * Validates and translates a core module as environ's `translateModule`, validating function
 * bodies on `pool`'s workers too when the module is large enough to gain from it.
 * @param bytes the module's binary; kept (not copied) as `wasm` in the result
 * @throws ValidationError when the module is malformed or invalid: the same error, offset
 *   included, as `translateModule`
 * @throws Error when a worker thread exits while validating
 */
export function translateModuleParallel(bytes: Uint8Array, features: WasmFeatures, pool: WorkerPool | null, options: TranslateModuleParallelOptions = {}): ModuleTranslation {
  const state = readModuleSections(bytes, features);
  validateBodies(bytes, features, state, pool, options);
  return moduleTranslationFromState(state, bytes);
}

/**
 * The lanes that validate `codeBytes` of function bodies: 1 (the calling thread alone) unless
 * `options` allow workers, `pool` has some and the bodies reach the threshold.
 */
export function validationLanes(codeBytes: number, pool: WorkerPool | null, options: TranslateModuleParallelOptions): number {
  const parallel = (options.parallel ?? true) && codeBytes >= (options.minCodeBytes ?? PARALLEL_VALIDATION_MIN_CODE_BYTES);
  return parallelLanes(2, { parallel, pool });
}

function validateBodies(bytes: Uint8Array, features: WasmFeatures, state: ModuleState, pool: WorkerPool | null, options: TranslateModuleParallelOptions): void {
  const bodies = state.functionBodies;
  const codeBytes = bodyBytes(bodies);
  const lanes = validationLanes(codeBytes, pool, options);
  if (lanes <= 1) {
    validateFunctionBodies(state, 0, bodies.length);
    return;
  }
  const ranges = cutBodyRanges(bodies, bodyRangeBytes(codeBytes, lanes, options.minRangeBytes));
  // One copy into shared memory, so every worker reads the same bytes without a copy each.
  const wasm = new Uint8Array(new SharedArrayBuffer(bytes.length));
  wasm.set(bytes);
  // This thread already holds the context, so it validates its ranges without re-reading.
  const inline = (range: FunctionBodyRange): null => {
    validateFunctionBodies(state, range.firstBody, range.endBody);
    return null;
  };
  runMaybeParallel(ranges, VALIDATE_FUNCTION_BODIES_TASK, { parallel: true, pool, shared: { wasm, moduleStart: 0, moduleEnd: bytes.length, features }, inline });
}
