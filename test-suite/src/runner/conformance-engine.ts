import type { WasmFeatures } from '@tswasm/environ';

/**
 * What the conformance runner needs from a WebAssembly implementation. The runner is handed an
 * engine instead of importing one so the same script handling can be checked against a reference
 * (V8's `WebAssembly.validate`) and run against ours.
 *
 * Only validation exists at this stage; instantiation and invocation join it with issue #3, and
 * the runner then stops skipping the execution directives.
 */
export interface ConformanceEngine {
  /**
   * Validates a binary module with the given features enabled.
   *
   * @throws {ValidationError} if the module is malformed or invalid. Any other exception is
   *   reported by the runner as a crash.
   */
  validateModule(bytes: Uint8Array, features: WasmFeatures): void;

  /**
   * Validates a binary component with the given features enabled.
   *
   * @throws {ValidationError} if the component is malformed or invalid.
   */
  validateComponent(bytes: Uint8Array, features: WasmFeatures): void;
}
