// An engine's effective features. Most proposals are compiled by the host's WebAssembly engine
// (V8 is our code generator), so `Config.features` can only turn those off. A few Component
// Model proposals are tswasm's own work — environ validates them and jit's canonical-ABI code
// runs them, with no core wasm the host must understand — so a Config can turn those on too,
// as wasmtime's `Config::wasm_component_model_map` and `wasm_component_model_fixed_length_lists`
// do. They stay off by default, as in wasmtime.

import type { WasmFeatures } from '@tswasm/environ';

/**
 * The features tswasm implements without the host's help, which `Config.features` may turn on:
 * `map<K, V>`, fixed-length `list<T, N>`, the async ABI (tasks, subtasks, waitable sets, streams,
 * futures, cancellation and their built-ins), `error-context` and the threading built-ins (as far
 * as they run without stack switching: a built-in that would suspend a thread traps).
 */
export const TSWASM_IMPLEMENTED_FEATURES: readonly (keyof WasmFeatures)[] = Object.freeze([
  'componentModelMap',
  'componentModelFixedLengthLists',
  'componentModelAsync',
  'componentModelAsyncBuiltins',
  'componentModelAsyncStackful',
  'componentModelErrorContext',
  'componentModelThreading',
] as const);

/**
 * The features an engine runs with: the host's, narrowed by `requested`, except that the
 * features of `TSWASM_IMPLEMENTED_FEATURES` take the requested value as it is.
 * @param host what environ validates and the host's WebAssembly engine compiles
 * @param requested `Config.features`; a missing or `undefined` flag keeps the host's value
 * @returns a frozen `WasmFeatures`
 */
export function effectiveFeatures(host: WasmFeatures, requested: Partial<WasmFeatures> | undefined): WasmFeatures {
  if (requested === undefined) return host;
  const features: Record<string, boolean> = { ...host };
  const own: readonly string[] = TSWASM_IMPLEMENTED_FEATURES;
  for (const [name, on] of Object.entries(requested)) {
    if (on === undefined || !(name in features)) continue;
    features[name] = own.includes(name) ? on : on && features[name] === true;
  }
  // Every key came from `host`, so the record is a WasmFeatures again.
  return Object.freeze(features as unknown as WasmFeatures);
}
