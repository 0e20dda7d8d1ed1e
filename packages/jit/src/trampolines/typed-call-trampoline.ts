// Per-arity JS trampolines, generated once per arity per engine with `new Function`: a fixed
// parameter list (no rest/spread, no arguments object) keeps the call path as short as V8's
// own export call plus a try/catch, which costs nothing until something throws.
//
// On V8 14 (Node 26) the try/catch is what keeps these entries at ~2.5x a raw export call
// (~8.7 ns against ~3.2 ns for `add`): TurboFan inlines the JS-to-wasm wrapper only for a
// call with no exception handler around it (`--trace-turbo-inlining` prints "wasm inlining
// into try catch is not supported"; an inlined trampoline's call is linked to any handler
// of the caller too). Without the try the same trampoline runs at raw speed whether `fn`
// is a factory parameter, a `const` or a module binding, as long as its call site is
// monomorphic. A handler in an outer, non-inlined frame costs a real JS call (measured
// slower). So no JS-only design both maps traps to `Trap` and reaches raw speed on V8 14:
// either traps must leave wasm as `Trap` already, or the caller catches. V8 11 (Node 20)
// is unaffected: there the handler costs nothing.

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
