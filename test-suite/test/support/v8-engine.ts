// A reference engine for testing the runner itself: V8's `WebAssembly.validate`. It ignores the
// feature flags (V8 has the features it has) and cannot say why a module is invalid, so it is
// only good for checking that the runner reads scripts right, not for judging environ.

import { ValidationError } from '@tswasm/environ';

import type { ConformanceEngine } from '../../src/runner/conformance-engine.js';

// The compiler's lib settings (ES2023 + node types) do not declare `WebAssembly`; Node has it.
const HOST_WASM = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

/** A conformance engine backed by the host's `WebAssembly.validate`. */
export const V8_ENGINE: ConformanceEngine = Object.freeze({
  validateModule(bytes: Uint8Array) {
    if (!HOST_WASM.validate(bytes)) throw new ValidationError('invalid module (WebAssembly.validate returned false)', 0);
  },
  // V8 does not read components; the runner's own tests use only core modules with it.
  validateComponent() {
    throw new ValidationError('components are not supported by WebAssembly.validate', 0);
  },
});
