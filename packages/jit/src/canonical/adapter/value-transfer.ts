// The one implementation of `TransferCodegen`: walks the source and destination types together
// (they are the same type seen from the two sides) and routes each to its family, as wasmtime's
// `Compiler::translate` does. It is the only adapter file that imports every family.

import { alignTo, assertNever } from '@tswasm/environ';
import type { ComponentTypeList, ComponentValType, Layout, ResourceId, ValType } from '@tswasm/environ';
import type { JsEmitter } from '../js-emitter.js';
import type { FlatValue, ResolvedType } from '../value-codegen.js';
import { coerceLifted, coerceLowered, flatTypes, layoutOf, resolveValType, resourceSlotOf } from '../value-codegen.js';
import type { AdapterAbiOptions } from './adapter-env.js';
import { transferHandle } from './handle-transfer.js';
import { transferFixedList, transferList } from './list-transfer.js';
import { transferFlags, transferRecord, transferTuple } from './record-transfer.js';
import { isScalar, transferScalar } from './scalar-transfer.js';
import { transferString } from './string-transfer.js';
import type { MemoryViews, Side, TransferCodegen, TransferDestination, TransferSource } from './transfer-codegen.js';
import { transferVariant } from './variant-transfer.js';
import type { TransferVariant } from './variant-transfer.js';

function mismatch(src: ResolvedType, dst: ResolvedType): never {
  throw new Error(`internal error: adapter types differ (${src.kind} and ${dst.kind})`);
}

/** Generates the value transfers of one fused adapter. */
export class AdapterTransfer implements TransferCodegen {
  readonly types: ComponentTypeList;
  readonly emit: JsEmitter;
  readonly options: AdapterAbiOptions;
  srcSide: Side = 'lower';
  dstSide: Side = 'lift';
  // The callee's resources in slot order (the signature key's numbering).
  readonly #resources: readonly ResourceId[];

  constructor(types: ComponentTypeList, options: AdapterAbiOptions, emit: JsEmitter, resources: readonly ResourceId[]) {
    this.types = types;
    this.options = options;
    this.emit = emit;
    this.#resources = resources;
  }

  resourceSlot(resource: ResourceId): number {
    return resourceSlotOf(this.#resources, resource);
  }

  /** Sets the direction values move in: params go to the callee, results come back. */
  direction(src: Side, dst: Side): void {
    this.srcSide = src;
    this.dstSide = dst;
  }

  resolve(type: ComponentValType): ResolvedType {
    return resolveValType(this.types, type);
  }

  layout(type: ComponentValType): Layout {
    return layoutOf(this.types, type);
  }

  flat(type: ComponentValType): ValType[] {
    return flatTypes(this.types, type);
  }

  views(side: Side): MemoryViews {
    return { dv: `${side}Dv`, u8: `${side}U8`, buf: `${side}Buf` };
  }

  read(src: TransferSource & { kind: 'stack' }, want: ValType): string {
    const value = src.values[0];
    if (value === undefined || src.values.length !== 1) throw new Error('internal error: a scalar read needs exactly one flat value');
    return this.emit.bind(coerceLifted(this.emit, value.expr, value.type, want), 'x');
  }

  write(dst: TransferDestination & { kind: 'stack' }, expr: string, have: ValType): void {
    const slot = dst.slots[0];
    if (slot === undefined || dst.slots.length !== 1) throw new Error('internal error: a scalar write needs exactly one flat slot');
    this.emit.line(`${slot.expr} = ${coerceLowered(this.emit, expr, have, slot.type)};`);
  }

  fieldSources(src: TransferSource, fields: readonly ComponentValType[]): TransferSource[] {
    if (src.kind === 'stack') {
      let at = 0;
      return fields.map((t) => {
        const n = this.flat(t).length;
        const values = src.values.slice(at, at + n);
        at += n;
        return { kind: 'stack', values };
      });
    }
    const base = this.emit.bind(src.addr, 'ra');
    return this.#offsets(fields).map((off) => ({ kind: 'memory', side: src.side, addr: off === 0 ? base : `${base} + ${off}` }));
  }

  fieldDestinations(dst: TransferDestination, fields: readonly ComponentValType[]): TransferDestination[] {
    if (dst.kind === 'stack') {
      let at = 0;
      return fields.map((t) => {
        const n = this.flat(t).length;
        const slots: FlatValue[] = dst.slots.slice(at, at + n);
        at += n;
        return { kind: 'stack', slots };
      });
    }
    const base = this.emit.bind(dst.addr, 'rd');
    return this.#offsets(fields).map((off) => ({ kind: 'memory', side: dst.side, addr: off === 0 ? base : `${base} + ${off}` }));
  }

  // CanonicalABI.md `store_record`: each field at its alignment after the previous one.
  #offsets(fields: readonly ComponentValType[]): number[] {
    let at = 0;
    return fields.map((t) => {
      const { size, align } = this.layout(t);
      at = alignTo(at, align);
      const off = at;
      at += size;
      return off;
    });
  }

  // The variant view of a variant-like type, or null.
  #variant(type: ComponentValType, r: ResolvedType): TransferVariant | null {
    switch (r.kind) {
      case 'variant':
        return { self: type, cases: r.cases.map((c) => ({ label: c.name, type: c.type })) };
      case 'enum':
        return { self: type, cases: r.names.map((label) => ({ label, type: null })) };
      case 'option':
        return { self: type, cases: [{ label: 'none', type: null }, { label: 'some', type: r.type }] };
      case 'result':
        return { self: type, cases: [{ label: 'ok', type: r.ok }, { label: 'err', type: r.err }] };
      default:
        return null;
    }
  }

  transfer(srcType: ComponentValType, src: TransferSource, dstType: ComponentValType, dst: TransferDestination): void {
    const s = this.resolve(srcType);
    const d = this.resolve(dstType);
    if (s.kind !== d.kind) return mismatch(s, d);
    switch (s.kind) {
      case 'primitive': {
        if (d.kind !== 'primitive' || d.type !== s.type) return mismatch(s, d);
        if (s.type === 'string') return transferString(this, src, dst);
        if (isScalar(s.type)) return transferScalar(this, s.type, src, dst);
        throw new TypeError(`${s.type} values passed between component instances are not supported yet`);
      }
      case 'list': {
        if (d.kind !== 'list') return mismatch(s, d);
        if (s.length !== d.length) throw new Error(`internal error: adapter types differ (list of length ${s.length ?? 'any'} and ${d.length ?? 'any'})`);
        if (s.length !== null) return transferFixedList(this, s.element, src, d.element, dst, s.length);
        return transferList(this, { kind: 'type', type: s.element }, src, { kind: 'type', type: d.element }, dst);
      }
      case 'map':
        if (d.kind !== 'map') return mismatch(s, d);
        return transferList(this, { kind: 'entry', key: s.key, value: s.value }, src, { kind: 'entry', key: d.key, value: d.value }, dst);
      case 'record':
        if (d.kind !== 'record') return mismatch(s, d);
        return transferRecord(this, s.fields, src, d.fields, dst);
      case 'tuple':
        if (d.kind !== 'tuple') return mismatch(s, d);
        return transferTuple(this, s.types, src, d.types, dst);
      case 'flags':
        if (d.kind !== 'flags' || d.names.length !== s.names.length) return mismatch(s, d);
        return transferFlags(this, s.names.length, src, dst);
      case 'variant':
      case 'enum':
      case 'option':
      case 'result':
        return transferVariant(this, this.#variant(srcType, s) as TransferVariant, src, this.#variant(dstType, d) as TransferVariant, dst);
      case 'own':
      case 'borrow':
        if (d.kind !== s.kind) return mismatch(s, d);
        return transferHandle(this, s.kind, this.dstSide === 'lift' ? d.resource : s.resource, src, dst);
      case 'stream':
      case 'future':
        throw new TypeError(`${s.kind} values passed between component instances are not supported yet`);
      default:
        return assertNever(s);
    }
  }
}
