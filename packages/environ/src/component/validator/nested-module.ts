// A core module nested in a component is validated in two steps, as wasmparser's
// `Validator::validate_all` does for a component: its sections during the component's single
// pass, so their errors keep the order of the binary, and its function bodies after the whole
// component has been read. The bodies are where the time goes, and being last they can be
// spread over threads (jit's translateComponentParallel) without changing which error is
// reported: the first invalid body, in binary order.
//
// The module is read from its own bytes (a translation keeps them as the module's `wasm`), and
// every error is moved to its offset in the component, so a body validated here or on another
// thread that read the same range reports the same offset.

import { ValidationError } from '../../error.js';
import type { WasmFeatures } from '../../features/wasm-features.js';
import type { ModuleState } from '../../module/module-state.js';
import { readModuleSections, validateFunctionBodies } from '../../validator/module-validator.js';

/** A core module of a component whose sections are validated and whose bodies are not yet. */
export interface NestedModuleBodies {
  /** The module's context C, with offsets relative to `start`. */
  readonly state: ModuleState;
  /** The module's first byte in the component binary. */
  readonly start: number;
  /** One past the module's last byte in the component binary. */
  readonly end: number;
}

/**
 * Reads and validates the sections of the module at `start..end` of the component `bytes`,
 * framing its function bodies without validating them.
 * @throws ValidationError for the first malformed or invalid construct outside the bodies, at
 *   its offset in the component
 */
export function readNestedModuleSections(bytes: Uint8Array, features: WasmFeatures, range: { readonly start: number; readonly end: number }): NestedModuleBodies {
  const { start, end } = range;
  const state = inComponent(start, () => readModuleSections(bytes.subarray(start, end), features));
  return { state, start, end };
}

/**
 * Validates the bodies `first..end` (among the module's defined functions) of a nested module,
 * in order; contiguous ranges validated one after another report what all bodies at once would.
 * @throws ValidationError for the first invalid body of the range, at its offset in the component
 */
export function validateNestedFunctionBodies(module: NestedModuleBodies, first: number, end: number): void {
  inComponent(module.start, () => validateFunctionBodies(module.state, first, end));
}

/**
 * Validates every body of every module in `modules`, in order: the sequential end of a
 * component's validation.
 * @throws ValidationError for the first invalid body, at its offset in the component
 */
export function validateAllNestedFunctionBodies(modules: readonly NestedModuleBodies[]): void {
  for (const module of modules) validateNestedFunctionBodies(module, 0, module.state.functionBodies.length);
}

// Runs `read` over a module's own bytes and moves its ValidationError to the component's offsets.
function inComponent<T>(start: number, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.reason, error.offset + start, { cause: error });
    throw error;
  }
}
