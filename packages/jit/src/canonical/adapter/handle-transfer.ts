// Handles (`own`, `borrow`) across a component boundary move between the two instances' handle
// tables (wasmtime's `translate_own` / `translate_borrow` call a resource-transfer libcall with
// the source and destination tables). The tables are not part of this version yet, so an
// adapter whose type carries a handle is refused before instantiation (`adapterUnsupported`);
// reaching this generator with one is a broken invariant.

import type { TransferCodegen, TransferDestination, TransferSource } from './transfer-codegen.js';

/** The handle kinds a transfer would move between tables. */
export type HandleKind = 'own' | 'borrow';

/**
 * Moves a handle to the other instance's table (not implemented yet).
 * @throws {TypeError} always: handles through fused adapters are not supported yet
 */
export function transferHandle(_g: TransferCodegen, kind: HandleKind, _src: TransferSource, _dst: TransferDestination): never {
  throw new TypeError(`\`${kind}\` handles passed between component instances are not supported yet`);
}
