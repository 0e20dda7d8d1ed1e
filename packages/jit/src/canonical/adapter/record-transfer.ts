// Records, tuples, fixed-length lists and flags across a component boundary (wasmtime's
// `translate_record`, `translate_tuple`, `translate_flags`): fields move one by one, matched
// by name for records, in the callee's field order; flags move as words with the bits beyond
// the last label masked off (CanonicalABI.md ignores them; wasmtime clears them).

import type { ComponentValType, NamedValType } from '@tswasm/environ';
import { CORE } from '../value-codegen.js';
import type { TransferCodegen, TransferDestination, TransferSource } from './transfer-codegen.js';

/** Moves a record, its fields matched by name. */
export function transferRecord(g: TransferCodegen, srcFields: readonly NamedValType[], src: TransferSource, dstFields: readonly NamedValType[], dst: TransferDestination): void {
  const sources = g.fieldSources(src, srcFields.map((f) => f.type));
  const byName = new Map(srcFields.map((f, i) => [f.name, i]));
  const destinations = g.fieldDestinations(dst, dstFields.map((f) => f.type));
  dstFields.forEach((field, i) => {
    const at = byName.get(field.name);
    const from = at === undefined ? undefined : srcFields[at];
    const fromSrc = at === undefined ? undefined : sources[at];
    const to = destinations[i];
    if (from === undefined || fromSrc === undefined || to === undefined) throw new Error(`internal error: record field \`${field.name}\` has no counterpart`);
    g.transfer(from.type, fromSrc, field.type, to);
  });
}

/** Moves a tuple (or a fixed-length list, as a tuple of its elements), element by element. */
export function transferTuple(g: TransferCodegen, srcTypes: readonly ComponentValType[], src: TransferSource, dstTypes: readonly ComponentValType[], dst: TransferDestination): void {
  if (srcTypes.length !== dstTypes.length) throw new Error('internal error: tuples of different lengths');
  const sources = g.fieldSources(src, srcTypes);
  const destinations = g.fieldDestinations(dst, dstTypes);
  srcTypes.forEach((t, i) => g.transfer(t, sources[i] as TransferSource, dstTypes[i] as ComponentValType, destinations[i] as TransferDestination));
}

/** Moves flags with `count` labels; bits beyond the labels are cleared. */
export function transferFlags(g: TransferCodegen, count: number, src: TransferSource, dst: TransferDestination): void {
  if (count === 0) return;
  const emit = g.emit;
  if (count <= 16 && src.kind === 'memory' && dst.kind === 'memory') {
    const s = g.views(src.side);
    const d = g.views(dst.side);
    const mask = (1 << count) - 1;
    if (count <= 8) emit.line(`${d.u8}[${dst.addr}] = ${s.u8}[${src.addr}] & ${mask};`);
    else emit.line(`${d.dv}.setUint16(${dst.addr}, ${s.dv}.getUint16(${src.addr}, true) & ${mask}, true);`);
    return;
  }
  const words = count <= 16 ? 1 : Math.ceil(count / 32);
  const sources = src.kind === 'stack' ? src.values.map((v) => ({ kind: 'stack' as const, values: [v] })) : null;
  const destinations = dst.kind === 'stack' ? dst.slots.map((s) => ({ kind: 'stack' as const, slots: [s] })) : null;
  for (let k = 0; k < words; k++) {
    const bits = Math.min(32, count - 32 * k);
    const mask = bits === 32 ? -1 : (1 << bits) - 1;
    let word: string;
    const one = sources?.[k];
    if (one !== undefined) {
      word = g.read(one, CORE.i32);
    } else if (src.kind === 'memory') {
      const s = g.views(src.side);
      word = count <= 8 ? `${s.u8}[${src.addr}]` : count <= 16 ? `${s.dv}.getUint16(${src.addr}, true)` : `${s.dv}.getInt32(${src.addr} + ${4 * k}, true)`;
    } else {
      throw new Error('internal error: flags have fewer flat words than labels need');
    }
    const masked = emit.bind(mask === -1 ? `(${word} | 0)` : `(${word} & ${mask})`, 'w');
    const out = destinations?.[k];
    if (out !== undefined) {
      g.write(out, masked, CORE.i32);
    } else if (dst.kind === 'memory') {
      const d = g.views(dst.side);
      if (count <= 8) emit.line(`${d.u8}[${dst.addr}] = ${masked};`);
      else if (count <= 16) emit.line(`${d.dv}.setUint16(${dst.addr}, ${masked}, true);`);
      else emit.line(`${d.dv}.setInt32(${dst.addr} + ${4 * k}, ${masked}, true);`);
    } else {
      throw new Error('internal error: flags have fewer flat slots than labels need');
    }
  }
}
