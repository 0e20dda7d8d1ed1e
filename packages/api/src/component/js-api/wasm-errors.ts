// The `WebAssembly` error classes take `{ cause }` like `Error` does (V8 on every Node tswasm
// supports), but TypeScript's lib declares only a message; these say it once.

type WasmErrorClass<E> = new (message: string, options?: { cause?: unknown }) => E;

function make<E>(errorClass: unknown, message: string, cause: unknown): E {
  return new (errorClass as WasmErrorClass<E>)(message, cause === undefined ? undefined : { cause });
}

/** A `WebAssembly.RuntimeError` (a trap) with `cause` when given. */
export function runtimeError(message: string, cause?: unknown): WebAssembly.RuntimeError {
  return make(WebAssembly.RuntimeError, message, cause);
}

/** A `WebAssembly.LinkError` with `cause` when given. */
export function linkError(message: string, cause?: unknown): WebAssembly.LinkError {
  return make(WebAssembly.LinkError, message, cause);
}

/** A `WebAssembly.CompileError` with `cause` when given. */
export function compileError(message: string, cause?: unknown): WebAssembly.CompileError {
  return make(WebAssembly.CompileError, message, cause);
}
