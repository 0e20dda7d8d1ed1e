// Per-arity JS trampolines, generated once per arity per engine with `new Function`: a fixed
// parameter list (no rest/spread, no arguments object) keeps the call path as short as V8's
// own export call plus a try/catch, which costs nothing until something throws.

/** Maps an error escaping wasm to what the caller should see (e.g. a `Trap`). */
export type ErrorMapper = (error: unknown) => unknown;

/** A host-to-wasm entry: `call(store, p0, ..., pN)` calls the raw export with the params. */
export type TypedCallFactory = (fn: Function, mapError: ErrorMapper) => (store: unknown, ...params: unknown[]) => unknown;

/** A wasm-to-host entry: `(p0, ..., pN)` calls `fn(caller, p0, ..., pN)`. */
export type HostCallFactory = (fn: Function, caller: unknown) => (...params: unknown[]) => unknown;

function paramList(arity: number): string {
  return Array.from({ length: arity }, (_, i) => `p${i}`).join(', ');
}

/** The JS source of the host-to-wasm trampoline factory for `arity` params. */
export function typedCallSource(arity: number): string {
  const params = paramList(arity);
  return `return function call(store${arity > 0 ? ', ' : ''}${params}) {
  try { return fn(${params}); } catch (error) { throw mapError(error); }
};`;
}

/** The JS source of the wasm-to-host trampoline factory for `arity` params. */
export function hostCallSource(arity: number): string {
  const params = paramList(arity);
  return `return function host(${params}) { return fn(caller${arity > 0 ? ', ' : ''}${params}); };`;
}

/** Builds the host-to-wasm trampoline factory for `arity` params. */
export function makeTypedCallFactory(arity: number): TypedCallFactory {
  return new Function('fn', 'mapError', typedCallSource(arity)) as TypedCallFactory;
}

/** Builds the wasm-to-host trampoline factory for `arity` params. */
export function makeHostCallFactory(arity: number): HostCallFactory {
  return new Function('fn', 'caller', hostCallSource(arity)) as HostCallFactory;
}
