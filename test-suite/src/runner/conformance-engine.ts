import type { WasmFeatures } from '@tswasm/environ';

import type { ComponentValue } from '../wast/component-value.js';
import type { WastValue } from '../wast/wast-value.js';

/**
 * What the conformance runner needs from a WebAssembly implementation. The runner is handed an
 * engine instead of importing one so the same script handling can be checked against a reference
 * (V8's `WebAssembly`) and run against ours.
 *
 * Validation is required; execution is a capability. An engine without `startSession` is run in
 * validation-only mode: modules are validated and the execution directives are skipped.
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

  /**
   * Starts running one script: a fresh store whose registry holds only `spectest` (the spec's
   * host module: `print*`, `global_i32` 666, `global_i64` 666, `global_f32` 666.6, `global_f64`
   * 666.6, `table` 10..20 funcref, `memory` 1..2, `shared_memory` 1..2 shared). Absent when the
   * engine can only validate.
   */
  readonly startSession?: (features: WasmFeatures) => ExecutionSession;
  /**
   * Why this engine cannot execute a script that needs `features` (for instance, the host's
   * WebAssembly engine lacks one of them), or null when it can. Such a script is validated
   * but not executed.
   */
  readonly executionUnsupported?: (features: WasmFeatures) => string | null;
  /**
   * Whether sessions can instantiate and invoke components (their `components` is set).
   * Without it, a script that defines components has them validated and its execution
   * directives skipped.
   */
  readonly executesComponents?: boolean;
}

/**
 * The component half of a session, sharing its store: components compile, instantiate
 * against the session's component linker, and their exported functions are invoked with
 * script values, which the engine converts for the function's parameter types.
 */
export interface ComponentSession<C = unknown, I = unknown> {
  /** Compiles a binary component. @throws {ValidationError} if it is malformed or invalid. */
  compileComponent(bytes: Uint8Array): C;
  /**
   * Instantiates a component.
   *
   * @throws {ExecutionError} `unlinkable` if an import is not satisfied; `trap` if a start
   *   function traps; `unsupported` if the engine cannot run something the component uses.
   */
  instantiateComponent(component: C): I;
  /**
   * Calls the exported function `name` (its `post-return` included) and returns its result:
   * none, or one value.
   *
   * @throws {ExecutionError} on a trap or another failure the guest causes.
   * @throws {ComponentValueError} if an argument does not fit its parameter type, or the
   *   result cannot be read back.
   * @throws {TypeError} if there is no such function or the argument count is wrong.
   * An engine that runs the call asynchronously (suspending blocked tasks) returns a Promise.
   */
  invokeComponent(instance: I, name: string, args: readonly ComponentValue[]): ComponentValue[] | Promise<ComponentValue[]>;
}

/**
 * One script's store and registry. Module and instance handles are the engine's own; the runner
 * only hands them back.
 *
 * Failures: `compile` throws `ValidationError`; `instantiate`, `invoke` and `get` throw
 * `ExecutionError` (unlinkable, trap, exhaustion, exception). Anything else is a crash.
 */
export interface ExecutionSession<M = unknown, I = unknown> {
  /** Compiles a binary module. @throws {ValidationError} if it is malformed or invalid. */
  compile(bytes: Uint8Array): M;
  /**
   * Instantiates a module, resolving its imports by `(module name, field name)` in the
   * registry.
   *
   * @throws {ExecutionError} `unlinkable` if an import is missing or has an incompatible type;
   *   `trap` (or `exhaustion`, `exception`) if the start function or segment initialization fails.
   */
  instantiate(module: M): I;
  /** Makes the instance's exports importable under `name`, shadowing an earlier registration. */
  register(name: string, instance: I): void;
  /**
   * Calls the exported function `name` and returns its results.
   *
   * @throws {ExecutionError} on a trap, stack exhaustion or escaping exception.
   * @throws {TypeError} if there is no such function or the arguments do not fit its type.
   */
  invoke(instance: I, name: string, args: readonly WastValue[]): WastValue[];
  /**
   * Reads the exported global `name`.
   *
   * @throws {TypeError} if there is no such global.
   */
  get(instance: I, name: string): WastValue;
  /** Components in the same store; set when the engine `executesComponents`. */
  readonly components?: ComponentSession;
}
