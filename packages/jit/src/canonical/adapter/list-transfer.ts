// Lists (and maps, which are lists of key-value tuples) across a component boundary (wasmtime's
// `translate_list`, CanonicalABI.md `load_list` then `store_list`): the source range is checked
// (alignment, then bounds), the destination is allocated with the callee-or-caller's realloc and
// checked, then the elements move. Elements whose bytes mean the same on both sides (numbers,
// and records or tuples of numbers) are copied as one block; others move one by one.
// Fixed-length lists (`list<T, N>`) are inline: flat they are N element transfers (N is small
// then, as the flat values fit MAX_FLAT_PARAMS); in memory they are one block or one loop, so
// the generated code stays small whatever N is.

import type { ComponentValType } from '@tswasm/environ';
import { CORE } from '../value-codegen.js';
import { ADAPTER_TRAPS, trapCall } from './adapter-env.js';
import { transferTuple } from './record-transfer.js';
import { isPlainNumber, isScalar } from './scalar-transfer.js';
import type { Side, TransferCodegen, TransferDestination, TransferSource } from './transfer-codegen.js';

/** The element of a list as the transfer sees it: one type, or a map's key-value tuple. */
export type ListElement = { readonly kind: 'type'; readonly type: ComponentValType } | { readonly kind: 'entry'; readonly key: ComponentValType; readonly value: ComponentValType };

/** The pointer and length of a string or list at `src`, as unsigned locals. */
export function readPointerPair(g: TransferCodegen, src: TransferSource): [string, string] {
  const emit = g.emit;
  if (src.kind === 'stack') {
    const ptr = emit.bind(`(${g.read({ kind: 'stack', values: src.values.slice(0, 1) }, CORE.i32)} >>> 0)`, 'p');
    const len = emit.bind(`(${g.read({ kind: 'stack', values: src.values.slice(1, 2) }, CORE.i32)} >>> 0)`, 'n');
    return [ptr, len];
  }
  const { dv } = g.views(src.side);
  const at = emit.bind(src.addr, 'pa');
  return [emit.bind(`${dv}.getUint32(${at}, true)`, 'p'), emit.bind(`${dv}.getUint32(${at} + 4, true)`, 'n')];
}

/** Writes a pointer and length (or tagged length) to `dst`. */
export function writePointerPair(g: TransferCodegen, dst: TransferDestination, ptr: string, len: string): void {
  if (dst.kind === 'stack') {
    g.write({ kind: 'stack', slots: dst.slots.slice(0, 1) }, ptr, CORE.i32);
    g.write({ kind: 'stack', slots: dst.slots.slice(1, 2) }, len, CORE.i32);
    return;
  }
  const { dv } = g.views(dst.side);
  const at = g.emit.bind(dst.addr, 'pd');
  g.emit.line(`${dv}.setUint32(${at}, ${ptr}, true);`);
  g.emit.line(`${dv}.setUint32(${at} + 4, ${len}, true);`);
}

// Whether values of `type` have the same bytes on both sides, so a block copy moves them.
function isPlainBytes(g: TransferCodegen, type: ComponentValType): boolean {
  const r = g.resolve(type);
  switch (r.kind) {
    case 'primitive':
      return isScalar(r.type) && isPlainNumber(r.type);
    case 'record':
      return r.fields.every((f) => isPlainBytes(g, f.type));
    case 'tuple':
      return r.types.every((t) => isPlainBytes(g, t));
    case 'list':
      return r.length !== null && isPlainBytes(g, r.element);
    default:
      return false;
  }
}

function elementLayout(g: TransferCodegen, element: ListElement): { size: number; align: number; types: readonly ComponentValType[] } {
  if (element.kind === 'type') {
    const { size, align } = g.layout(element.type);
    return { size, align, types: [element.type] };
  }
  const k = g.layout(element.key);
  const v = g.layout(element.value);
  const align = Math.max(k.align, v.align);
  const valueAt = Math.ceil(k.size / v.align) * v.align;
  return { size: Math.ceil((valueAt + v.size) / align) * align, align, types: [element.key, element.value] };
}

/** A `realloc` call on `side` (the prelude's `realloc<Side>`), returning an unsigned pointer. */
export function reallocCall(side: Side, oldPtr: string, oldSize: string, align: number | string, size: string): string {
  return `${side}Realloc(${oldPtr}, ${oldSize}, ${align}, ${size})`;
}

/** Moves a list whose elements are `srcElement` to `dst` as `dstElement`. */
export function transferList(g: TransferCodegen, srcElement: ListElement, src: TransferSource, dstElement: ListElement, dst: TransferDestination): void {
  const emit = g.emit;
  const srcSide = g.srcSide;
  const dstSide = g.dstSide;
  const s = g.views(srcSide);
  const d = g.views(dstSide);
  const from = elementLayout(g, srcElement);
  const to = elementLayout(g, dstElement);
  const [ptr, len] = readPointerPair(g, src);
  const oob = trapCall(ADAPTER_TRAPS.listOutOfBounds);
  // CanonicalABI.md load_list_from_range: alignment, then bounds (the byte length of a 32-bit
  // list fits a double exactly, so the sum needs no overflow check).
  if (from.align > 1) emit.line(`if ((${ptr} & ${from.align - 1}) !== 0) ${trapCall(ADAPTER_TRAPS.unaligned)};`);
  const srcBytes = emit.bind(`${len} * ${from.size}`, 'lb');
  emit.line(`if (${ptr} + ${srcBytes} > ${s.buf}.byteLength) ${oob};`);
  const dstBytes = from.size === to.size ? srcBytes : emit.bind(`${len} * ${to.size}`, 'lb');
  if (to.size !== from.size) emit.line(`if (${dstBytes} > 0xffffffff) ${oob};`);
  const out = emit.bind(reallocCall(dstSide, '0', '0', to.align, dstBytes), 'lp');
  if (to.align > 1) emit.line(`if ((${out} & ${to.align - 1}) !== 0) ${trapCall(ADAPTER_TRAPS.unaligned)};`);
  emit.line(`if (${out} + ${dstBytes} > ${d.buf}.byteLength) ${oob};`);
  const plain = srcElement.kind === 'type' && dstElement.kind === 'type' && from.size === to.size && isPlainBytes(g, srcElement.type);
  if (plain) {
    emit.line(`${d.u8}.set(${s.u8}.subarray(${ptr}, ${ptr} + ${srcBytes}), ${out});`);
  } else if (from.size > 0 || to.size > 0) {
    const i = emit.tmp('i');
    emit.open(`for (let ${i} = 0; ${i} < ${len}; ${i}++)`);
    const sa = emit.bind(`${ptr} + ${i} * ${from.size}`, 'ea');
    const da = emit.bind(`${out} + ${i} * ${to.size}`, 'eb');
    const srcFields = g.fieldSources({ kind: 'memory', side: srcSide, addr: sa }, from.types);
    const dstFields = g.fieldDestinations({ kind: 'memory', side: dstSide, addr: da }, to.types);
    from.types.forEach((t, k) => g.transfer(t, srcFields[k] as TransferSource, to.types[k] as ComponentValType, dstFields[k] as TransferDestination));
    emit.close();
  }
  writePointerPair(g, dst, out, len);
}

/** Moves a fixed-length list of `length` elements, `srcElement` to `dstElement`. */
export function transferFixedList(g: TransferCodegen, srcElement: ComponentValType, src: TransferSource, dstElement: ComponentValType, dst: TransferDestination, length: number): void {
  if (src.kind === 'stack' || dst.kind === 'stack') {
    // Flat on one side means flat on both (same flat count), so `length` is at most MAX_FLAT_PARAMS.
    return transferTuple(g, new Array<ComponentValType>(length).fill(srcElement), src, new Array<ComponentValType>(length).fill(dstElement), dst);
  }
  const emit = g.emit;
  const from = g.layout(srcElement);
  const to = g.layout(dstElement);
  // Both addresses lie in ranges the enclosing transfer has checked (CanonicalABI.md: a fixed
  // list is part of its container's bytes).
  const sa = emit.bind(src.addr, 'fa');
  const da = emit.bind(dst.addr, 'fb');
  if (from.size === to.size && isPlainBytes(g, srcElement)) {
    emit.line(`${g.views(dst.side).u8}.set(${g.views(src.side).u8}.subarray(${sa}, ${sa} + ${length * from.size}), ${da});`);
    return;
  }
  const i = emit.tmp('i');
  emit.open(`for (let ${i} = 0; ${i} < ${length}; ${i}++)`);
  const se = emit.bind(`${sa} + ${i} * ${from.size}`, 'ea');
  const de = emit.bind(`${da} + ${i} * ${to.size}`, 'eb');
  g.transfer(srcElement, { kind: 'memory', side: src.side, addr: se }, dstElement, { kind: 'memory', side: dst.side, addr: de });
  emit.close();
}
