// Variants and their specializations (enum, option, result) across a component boundary
// (wasmtime's `convert_variant`): a `switch` on the source discriminant, one case per source
// case, each writing the destination's discriminant for the case of the same label and moving
// the payload; any other discriminant traps. Flat payloads are read from, and written to, the
// joined flat positions (CanonicalABI.md `flatten_variant`), coerced to the case's own types.

import { alignTo, discriminantSize } from '@tswasm/environ';
import type { ComponentValType, ValType } from '@tswasm/environ';
import { CORE, coerceLifted } from '../value-codegen.js';
import { ADAPTER_TRAPS, trapCall } from './adapter-env.js';
import type { TransferCodegen, TransferDestination, TransferSource } from './transfer-codegen.js';

/** One case of a variant-like type: its label and payload type. */
export interface TransferCase {
  readonly label: string;
  readonly type: ComponentValType | null;
}

/** A variant-like type: its own type (for the layout) and its cases. */
export interface TransferVariant {
  readonly self: ComponentValType;
  readonly cases: readonly TransferCase[];
}

function readDiscriminant(g: TransferCodegen, v: TransferVariant, src: TransferSource): string {
  if (src.kind === 'stack') return g.emit.bind(`(${g.read({ kind: 'stack', values: src.values.slice(0, 1) }, CORE.i32)} >>> 0)`, 'd');
  const { dv, u8 } = g.views(src.side);
  switch (discriminantSize(v.cases.length)) {
    case 1:
      return g.emit.bind(`${u8}[${src.addr}]`, 'd');
    case 2:
      return g.emit.bind(`${dv}.getUint16(${src.addr}, true)`, 'd');
    default:
      return g.emit.bind(`${dv}.getUint32(${src.addr}, true)`, 'd');
  }
}

function writeDiscriminant(g: TransferCodegen, v: TransferVariant, dst: TransferDestination, index: number): void {
  if (dst.kind === 'stack') {
    g.write({ kind: 'stack', slots: dst.slots.slice(0, 1) }, String(index), CORE.i32);
    return;
  }
  const { dv, u8 } = g.views(dst.side);
  switch (discriminantSize(v.cases.length)) {
    case 1:
      g.emit.line(`${u8}[${dst.addr}] = ${index};`);
      return;
    case 2:
      g.emit.line(`${dv}.setUint16(${dst.addr}, ${index}, true);`);
      return;
    default:
      g.emit.line(`${dv}.setUint32(${dst.addr}, ${index}, true);`);
  }
}

function payloadOffset(g: TransferCodegen, v: TransferVariant): number {
  return alignTo(discriminantSize(v.cases.length), g.layout(v.self).align);
}

// The payload of a case of type `type` inside the variant at `src`.
function payloadSource(g: TransferCodegen, v: TransferVariant, src: TransferSource, type: ComponentValType): TransferSource {
  if (src.kind === 'memory') return { kind: 'memory', side: src.side, addr: `${src.addr} + ${payloadOffset(g, v)}` };
  const own = g.flat(type);
  const values = own.map((want: ValType, i) => {
    const joined = src.values[1 + i];
    if (joined === undefined) throw new Error('internal error: variant payload beyond its joined flat values');
    return { expr: g.emit.bind(coerceLifted(g.emit, joined.expr, joined.type, want), 'j'), type: want };
  });
  return { kind: 'stack', values };
}

function payloadDestination(g: TransferCodegen, v: TransferVariant, dst: TransferDestination, type: ComponentValType): TransferDestination {
  if (dst.kind === 'memory') return { kind: 'memory', side: dst.side, addr: `${dst.addr} + ${payloadOffset(g, v)}` };
  return { kind: 'stack', slots: dst.slots.slice(1, 1 + g.flat(type).length) };
}

/** Moves a variant-like value; a source discriminant out of range traps. */
export function transferVariant(g: TransferCodegen, srcVariant: TransferVariant, src: TransferSource, dstVariant: TransferVariant, dst: TransferDestination): void {
  const emit = g.emit;
  const srcBase: TransferSource = src.kind === 'memory' ? { ...src, addr: emit.bind(src.addr, 'va') } : src;
  const dstBase: TransferDestination = dst.kind === 'memory' ? { ...dst, addr: emit.bind(dst.addr, 'vd') } : dst;
  const disc = readDiscriminant(g, srcVariant, srcBase);
  emit.open(`switch (${disc})`);
  srcVariant.cases.forEach((c, i) => {
    const target = dstVariant.cases.findIndex((d) => d.label === c.label);
    const to = dstVariant.cases[target];
    if (to === undefined) throw new Error(`internal error: variant case \`${c.label}\` has no counterpart`);
    emit.open(`case ${i}:`);
    writeDiscriminant(g, dstVariant, dstBase, target);
    if (c.type !== null && to.type !== null) {
      g.transfer(c.type, payloadSource(g, srcVariant, srcBase, c.type), to.type, payloadDestination(g, dstVariant, dstBase, to.type));
    } else if (c.type !== null || to.type !== null) {
      throw new Error(`internal error: variant case \`${c.label}\` has a payload on one side only`);
    }
    emit.line('break;');
    emit.close();
  });
  emit.line(`default: ${trapCall(ADAPTER_TRAPS.discriminant)};`);
  emit.close();
}
