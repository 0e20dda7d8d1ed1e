// Handles (`own`, `borrow`) across a component boundary move between the two instances' handle
// tables (wasmtime's `translate_own` / `translate_borrow`; CanonicalABI.md `lift_own` /
// `lift_borrow` on the side the value comes from, then `lower_own` / `lower_borrow` on the side
// it goes to). The generated code calls the runtime's tables directly: `lowerTable` and
// `liftTable` are the caller's and the callee's, `rt<N>` the runtime resource type of slot N
// (numbered by the callee's view of the signature, as the key numbers them), and `scope` the
// call's borrow bookkeeping, which only a signature with a `borrow` opens.

import type { ResourceId } from '@tswasm/environ';
import { CORE } from '../value-codegen.js';
import type { TransferCodegen, TransferDestination, TransferSource } from './transfer-codegen.js';

/** The handle kinds a transfer moves between tables. */
export type HandleKind = 'own' | 'borrow';

/**
 * Moves a handle of `kind` from the source side's table to the destination side's.
 * @param liftResource the resource as the callee (the lifting side) names it, which picks the slot
 */
export function transferHandle(g: TransferCodegen, kind: HandleKind, liftResource: ResourceId, src: TransferSource, dst: TransferDestination): void {
  const emit = g.emit;
  let index: string;
  if (src.kind === 'stack') {
    index = g.read(src, CORE.i32);
  } else {
    index = emit.bind(`${g.views(src.side).dv}.getInt32(${src.addr}, true)`, 'hi');
  }
  const type = `rt${g.resourceSlot(liftResource)}`;
  const from = `${g.srcSide}Table`;
  const to = `${g.dstSide}Table`;
  // CanonicalABI.md: a handle index is an u32; `>>> 0` keeps a negative i32 an unknown index.
  const moved =
    kind === 'own'
      ? emit.bind(`${to}.lowerOwn(${type}, ${from}.liftOwn(${index} >>> 0, ${type}))`, 'h')
      : emit.bind(`${to}.lowerBorrow(${type}, ${from}.liftBorrow(${index} >>> 0, ${type}, scope), scope)`, 'h');
  if (dst.kind === 'stack') {
    g.write(dst, moved, CORE.i32);
  } else {
    emit.line(`${g.views(dst.side).dv}.setInt32(${dst.addr}, ${moved}, true);`);
  }
}
