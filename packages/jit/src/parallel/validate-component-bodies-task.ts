// The workers' half of validating a component's static-module bodies in parallel. As for a
// single module (validate-bodies-task.ts), a worker re-reads the sections of each module it
// gets a range of, rather than receiving the caller's context; it reads a module only once per
// run, and only the modules it is handed ranges of. environ's nested-module.ts reads and
// validates exactly as the calling thread does, so errors carry the same component offsets.

import { readNestedModuleSections, validateNestedFunctionBodies, type NestedModuleBodies, type WasmFeatures } from '@tswasm/environ';
import type { ParallelTask } from './parallel-task.js';

/** The component whose static modules' bodies are validated, as every worker receives it once per run. */
export interface ComponentModuleBytes {
  /** The component binary, best in a SharedArrayBuffer (shared, not copied). */
  readonly wasm: Uint8Array;
  /** Each static module's range in `wasm`, by static module index. */
  readonly modules: readonly { readonly start: number; readonly end: number }[];
  readonly features: WasmFeatures;
}

/** Bodies `firstBody..endBody` (indices among the defined functions) of static module `module`. */
export interface NestedBodyRange {
  readonly module: number;
  readonly firstBody: number;
  readonly endBody: number;
}

/**
 * Returns the validator of body ranges of `component`'s modules, which reads a module's
 * sections (validated already by the caller) when it first meets one of its ranges.
 * @throws ValidationError when a module's sections are invalid
 * @throws RangeError for a range of a module `component` does not have
 */
export function prepareNestedBodyValidation(component: ComponentModuleBytes): (range: NestedBodyRange) => null {
  const read: (NestedModuleBodies | undefined)[] = [];
  return (range) => {
    let module = read[range.module];
    if (module === undefined) {
      const where = component.modules[range.module];
      if (where === undefined) throw new RangeError(`the component has no static module ${range.module}`);
      module = readNestedModuleSections(component.wasm, component.features, where);
      read[range.module] = module;
    }
    validateNestedFunctionBodies(module, range.firstBody, range.endBody);
    return null;
  };
}

/** `prepareNestedBodyValidation` as a task for `runMaybeParallel`. */
export const VALIDATE_NESTED_BODIES_TASK: ParallelTask<ComponentModuleBytes, NestedBodyRange, null> = {
  moduleUrl: new URL('./validate-component-bodies-task.js', import.meta.url).href,
  exportName: 'prepareNestedBodyValidation',
  prepare: prepareNestedBodyValidation,
};
