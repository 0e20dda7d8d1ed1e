// Shorthands of the JS API binding tests.

import { js } from '../../../src/index.js';

/** An export function, as the tests call it. */
export type ExportFn = (...args: unknown[]) => unknown;

/** The exports object of a new instance of `wat` with `imports`, typed for calling. */
export function exportsOf(wat: string, imports?: unknown, options?: js.ComponentCompileOptions): Record<string, ExportFn> {
  return new js.ComponentInstance(new js.Component(wat, options), imports).exports as Record<string, ExportFn>;
}

/** What `fn` throws, or a failure when it returns. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but the call returned');
}
