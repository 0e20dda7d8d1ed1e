// The workers' half of parallel module validation: validate contiguous ranges of function
// bodies. A worker re-derives the context C by reading the module's sections again rather than
// receiving it: reading them costs 5-10 ms for 10 MB, while structured-cloning the calling
// thread's state (12k body ranges, segments, custom sections) measured 30-60 ms. The bytes
// arrive in a SharedArrayBuffer, so no thread copies them.

import { readModuleSections, validateFunctionBodies, type WasmFeatures } from '@tswasm/environ';
import type { ParallelTask } from './parallel-task.js';

/** The module whose bodies are validated, as every worker receives it once per run. */
export interface ModuleBytes {
  /** The binary holding the module, best in a SharedArrayBuffer (shared, not copied). */
  readonly wasm: Uint8Array;
  /** The module's range in `wasm` (a module nested in a component is part of it). */
  readonly moduleStart: number;
  readonly moduleEnd: number;
  readonly features: WasmFeatures;
}

/** Bodies `firstBody..endBody` (indices among the defined functions). */
export interface FunctionBodyRange {
  readonly firstBody: number;
  readonly endBody: number;
}

/**
 * Reads the module's sections (validated already by the caller) and returns the validator of
 * body ranges.
 * @throws ValidationError when the sections are invalid
 */
export function prepareFunctionBodyValidation(module: ModuleBytes): (range: FunctionBodyRange) => null {
  const state = readModuleSections(module.wasm, module.features, module.moduleStart, module.moduleEnd);
  return (range) => {
    validateFunctionBodies(state, range.firstBody, range.endBody);
    return null;
  };
}

/** `prepareFunctionBodyValidation` as a task for `runMaybeParallel`. */
export const VALIDATE_FUNCTION_BODIES_TASK: ParallelTask<ModuleBytes, FunctionBodyRange, null> = {
  moduleUrl: new URL('./validate-bodies-task.js', import.meta.url).href,
  exportName: 'prepareFunctionBodyValidation',
  prepare: prepareFunctionBodyValidation,
};
