// A JS function becomes a real wasm function (one that can live in a table or travel as a
// funcref) only by being imported into a module; this builds the smallest such module for one
// signature: it imports `h.f` and exports it again as `f`.

import type { FuncType } from '@tswasm/environ';
import { WASM_HEADER, funcTypeBytes, name, section, vec } from './wasm-bytes.js';

/** The import module and field an adapter imports its target from. */
export const ADAPTER_IMPORT = { module: 'h', name: 'f' } as const;
/** The export an adapter's wrapper is found under. */
export const ADAPTER_EXPORT = 'f';

/**
 * The bytes of a module that imports a function of `type` as `h.f` and re-exports it as `f`.
 * @throws TypeError when the type uses concrete reference types
 */
export function hostFuncAdapterBytes(type: FuncType): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([
    ...WASM_HEADER,
    ...section(1, vec([funcTypeBytes(type)])),
    ...section(2, vec([[...name(ADAPTER_IMPORT.module), ...name(ADAPTER_IMPORT.name), 0x00, 0x00]])),
    ...section(7, vec([[...name(ADAPTER_EXPORT), 0x00, 0x00]])),
  ]);
}
