// How an engine reports that running code went wrong, sorted the way the script assertions sort
// outcomes. Bad modules are not here: they stay `ValidationError`, like in environ.

/**
 * The kinds of execution failure:
 * - `unlinkable`: instantiation failed before running anything (unknown import, incompatible
 *   import type): `assert_unlinkable`.
 * - `trap`: a guest trap, in a call or while instantiating (start function, segment
 *   initialization): `assert_trap`, `assert_uninstantiable`.
 * - `exhaustion`: the call stack ran out: `assert_exhaustion`.
 * - `exception`: a wasm exception escaped to the host: `assert_exception`.
 * - `unsupported`: the engine cannot run this yet (it says what it lacks); no assertion
 *   expects it, so it is always a failure, reported with the engine's reason.
 * - `host-unsupported`: the host's WebAssembly engine lacks a feature this needs (Node 20 and
 *   multi-memory); like a script whose features the host lacks, the directive is skipped.
 */
export type ExecutionErrorKind = 'unlinkable' | 'trap' | 'exhaustion' | 'exception' | 'unsupported' | 'host-unsupported';

/**
 * An execution failure an engine classified. Anything else an engine throws (besides
 * `ValidationError` from compiling) is reported by the runner as a crash.
 */
export class ExecutionError extends Error {
  readonly kind: ExecutionErrorKind;

  constructor(kind: ExecutionErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExecutionError';
    this.kind = kind;
  }
}
