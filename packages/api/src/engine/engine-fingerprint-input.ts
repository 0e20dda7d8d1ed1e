// What goes into an engine's artifact fingerprint. An artifact holds the module's unchanged
// wasm bytes plus environ's translation of them, and V8 compiles the bytes when the artifact
// is loaded, so the host's V8 version does not matter; what does is the tswasm version (the
// translation's shape) and the features the bytes were validated against, since loading skips
// validation. `settings` is where options that change generated code will go (fuel and epoch
// instrumentation, TODO(#3)); `parallelCompilation` changes no code and stays out.

import type { WasmFeatures } from '@tswasm/environ';
import { TSWASM_VERSION, type EngineFingerprintInput } from '@tswasm/jit';

/**
 * The readable fingerprint input of an engine with these effective features; artifacts keep
 * it, so a mismatch on load names the feature or setting that differs.
 * @param features the engine's effective features (the host's, narrowed by its Config)
 * @returns the input of `engineFingerprint`
 */
export function engineFingerprintInput(features: WasmFeatures): EngineFingerprintInput {
  return Object.freeze({ tswasmVersion: TSWASM_VERSION, features, settings: Object.freeze({}) });
}
