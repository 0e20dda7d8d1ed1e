// Features tswasm implements itself rather than asking the host's WebAssembly engine for:
// they are off by default (as in wasmtime) and a `Config` may turn them on.

import type { WasmFeatures } from '@tswasm/environ';

/** The features `Config.features` may turn on although the host's defaults leave them off. */
export const OPT_IN_FEATURES: ReadonlySet<keyof WasmFeatures> = new Set<keyof WasmFeatures>(['componentModelAsync', 'componentModelAsyncBuiltins', 'componentModelAsyncStackful']);
