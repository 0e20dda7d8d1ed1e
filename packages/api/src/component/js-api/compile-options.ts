// JS-Reference.md takes `WebAssemblyCompileOptions`; of it, components read `builtins`.
// tswasm adds `engine`: the JS API has no engines, tswasm has one per set of settings.

import type { Engine } from '../../engine/engine.js';

/** Options of `Component`, `compile`, `validate` and `instantiate`. */
export interface ComponentCompileOptions {
  /**
   * The builtin imports to enable (JS-Reference.md "Builtin imports"): `'js/global'` lets a
   * `wasm:js/global` import resolve to `globalThis`, without the imports object.
   */
  readonly builtins?: Iterable<string>;
  /** The engine to compile with (a tswasm extension); a new default `Engine` when absent. */
  readonly engine?: Engine;
}
