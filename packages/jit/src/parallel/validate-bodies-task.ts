// The worker's half of parallel module validation: validate a contiguous range of function
// bodies. The worker re-derives the context C by reading the module's sections again rather
// than receiving it: reading them costs a few ms for 10 MB, while structured-cloning the
// main thread's state (12k body ranges, segments, custom sections) measured 30-60 ms. The
// bytes arrive in a SharedArrayBuffer, so no thread copies them.

import { readModuleSections, validateFunctionBodies, type WasmFeatures } from '@tswasm/environ';
import type { ParallelTask } from './parallel-task.js';

/** Bodies `firstBody..endBody` (indices among the defined functions) of the module in `wasm`. */
export interface FunctionBodyRange {
  /** The binary holding the module, best in a SharedArrayBuffer (shared, not copied). */
  readonly wasm: Uint8Array;
  /** The module's range in `wasm` (a module nested in a component is part of it). */
  readonly moduleStart: number;
  readonly moduleEnd: number;
  readonly features: WasmFeatures;
  readonly firstBody: number;
  readonly endBody: number;
}

/**
 * Validates the bodies of `range`, after re-reading the module's sections for their context.
 * @throws ValidationError for the first invalid body of the range
 */
export function validateFunctionBodyRange(range: FunctionBodyRange): null {
  const state = readModuleSections(range.wasm, range.features, range.moduleStart, range.moduleEnd);
  validateFunctionBodies(state, range.firstBody, range.endBody);
  return null;
}

/** `validateFunctionBodyRange` as a task for `runMaybeParallel`. */
export const VALIDATE_FUNCTION_BODIES_TASK: ParallelTask<FunctionBodyRange, null> = {
  moduleUrl: import.meta.url,
  exportName: 'validateFunctionBodyRange',
  run: validateFunctionBodyRange,
};
