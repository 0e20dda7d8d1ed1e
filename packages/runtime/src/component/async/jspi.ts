// JS Promise Integration (JSPI), where the host has it: `WebAssembly.promising` enters a wasm
// function on a stack of its own, and a `WebAssembly.Suspending` import called on such a stack
// suspends it until the Promise the import returns settles. tswasm's suspension glue also
// needs exception references (`try_table`, `throw_ref`), so both are detected together. The
// TypeScript DOM library does not declare JSPI yet, hence the narrow types here.

/** The two JSPI entry points. */
export interface Jspi {
  /** Wraps a JS function returning a Promise as an import whose wasm caller suspends. */
  readonly Suspending: new (fn: (...args: never[]) => unknown) => object;
  /** Wraps a wasm export so that calling it runs it on a suspendable stack and returns a Promise. */
  readonly promising: (fn: Function) => (...args: unknown[]) => Promise<unknown>;
}

// `(module (func (block (result exnref) (try_table (catch_all_ref 0) unreachable) unreachable) drop))`:
// a module only a host with exception references validates.
const EXNREF_PROBE = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x10, 0x01, 0x0e, 0x00, 0x02, 0x69, 0x1f, 0x40, 0x01, 0x03, 0x00, 0x00, 0x0b, 0x00, 0x0b, 0x1a, 0x0b,
);

/**
 * The host's JSPI, or null where it lacks it (or lacks the exception references the glue
 * uses). Feature detection only: no version is consulted.
 */
export function hostJspi(): Jspi | null {
  // The host does not change while it runs: probe once (every `callAsync` asks).
  if (detected === undefined) detected = detectJspi();
  return detected;
}

let detected: Jspi | null | undefined;

function detectJspi(): Jspi | null {
  const wasm = WebAssembly as unknown as Partial<Jspi>;
  if (typeof wasm.Suspending !== 'function' || typeof wasm.promising !== 'function') return null;
  if (!WebAssembly.validate(EXNREF_PROBE)) return null;
  return { Suspending: wasm.Suspending, promising: wasm.promising };
}
