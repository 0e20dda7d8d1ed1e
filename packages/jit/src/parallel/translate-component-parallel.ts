// environ's `translateComponent` with the function bodies of the static modules validated on
// several threads, as wasmtime compiles a component's static modules with `run_maybe_parallel`.
// environ's single pass reads the component and every module's sections (cheap; their errors
// keep binary order) and leaves the bodies for last; here they are cut into contiguous ranges of
// about equal byte size within each module, which the lanes claim in binary order. The result,
// and the error for an invalid component, are those of `translateComponent`: each range stops
// at its first invalid body and the lowest failing range wins.

import {
  componentTranslationFromSections,
  translateComponentSections,
  validateAllNestedFunctionBodies,
  validateNestedFunctionBodies,
  type ComponentSections,
  type ComponentTranslation,
  type NestedModuleBodies,
  type WasmFeatures,
} from '@tswasm/environ';
import { bodyBytes, bodyRangeBytes, cutBodyRanges } from './body-ranges.js';
import { runMaybeParallel } from './run-maybe-parallel.js';
import { validationLanes, type TranslateModuleParallelOptions } from './translate-module-parallel.js';
import { VALIDATE_NESTED_BODIES_TASK, type NestedBodyRange } from './validate-component-bodies-task.js';
import type { WorkerPool } from './worker-pool.js';

/** Options of `translateComponentParallel`. */
export interface TranslateComponentParallelOptions extends TranslateModuleParallelOptions {
  /**
   * Called after the single pass over the component, before the bodies are validated: a
   * caller can start work of its own there (the host's compilation of the static modules,
   * whose bytes are known by then) to overlap with the validation.
   */
  readonly onSections?: (sections: ComponentSections) => void;
}

/**
 * Validates and translates a component as environ's `translateComponent`, validating its static
 * modules' function bodies on `pool`'s workers too when they are large enough to gain from it
 * (the thresholds of `translateModuleParallel`, over all modules' bodies together).
 * @param bytes the component binary; static modules keep views into it (no copies)
 * @throws ValidationError when the component is malformed or invalid: the same error, offset
 *   included, as `translateComponent`
 * @throws Error when a worker thread exits while validating
 */
export function translateComponentParallel(bytes: Uint8Array, features: WasmFeatures, pool: WorkerPool | null, options: TranslateComponentParallelOptions = {}): ComponentTranslation {
  const sections = translateComponentSections(bytes, features);
  options.onSections?.(sections);
  validateBodies(bytes, features, sections.nestedModules, pool, options);
  return componentTranslationFromSections(sections);
}

function validateBodies(bytes: Uint8Array, features: WasmFeatures, modules: readonly NestedModuleBodies[], pool: WorkerPool | null, options: TranslateComponentParallelOptions): void {
  let codeBytes = 0;
  for (const module of modules) codeBytes += bodyBytes(module.state.functionBodies);
  const lanes = validationLanes(codeBytes, pool, options);
  if (lanes <= 1) {
    validateAllNestedFunctionBodies(modules);
    return;
  }
  const rangeBytes = bodyRangeBytes(codeBytes, lanes, options.minRangeBytes);
  const ranges: NestedBodyRange[] = [];
  modules.forEach((module, index) => {
    for (const range of cutBodyRanges(module.state.functionBodies, rangeBytes)) ranges.push({ module: index, ...range });
  });
  // One copy into shared memory, so every worker reads the same bytes without a copy each.
  const wasm = new Uint8Array(new SharedArrayBuffer(bytes.length));
  wasm.set(bytes);
  const shared = { wasm, modules: modules.map(({ start, end }) => ({ start, end })), features };
  // This thread already holds every module's context, so it validates without re-reading.
  const inline = (range: NestedBodyRange): null => {
    const module = modules[range.module];
    if (module === undefined) throw new RangeError(`the component has no static module ${range.module}`);
    validateNestedFunctionBodies(module, range.firstBody, range.endBody);
    return null;
  };
  runMaybeParallel(ranges, VALIDATE_NESTED_BODIES_TASK, { parallel: true, pool, shared, inline });
}
