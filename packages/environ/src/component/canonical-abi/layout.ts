// Sizes and alignments of component values in linear memory, CanonicalABI.md "Alignment",
// "Element Size" and "Despecialization" (option/result/enum as variants). The pointer size is a
// parameter: validation bounds `elem_size(t, i64)` (a 64-bit memory's layout), lifting and
// lowering use 4.

import { assertNever } from '../../util/assert-never.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentDefinedType, ComponentValType } from '../types/component-types.js';

/** A value's size and alignment in bytes. */
export interface Layout {
  readonly size: number;
  readonly align: number;
}

/** Rounds `n` up to a multiple of `align` (CanonicalABI.md `align_to`). */
export function alignTo(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}

/** Bytes of the discriminant of a variant with `cases` cases (CanonicalABI.md `discriminant_type`). */
export function discriminantSize(cases: number): number {
  if (cases <= 0x100) return 1;
  if (cases <= 0x10000) return 2;
  return 4;
}

function flagsSize(n: number): number {
  if (n <= 8) return 1;
  if (n <= 16) return 2;
  return 4 * Math.ceil(n / 32);
}

function primitiveLayout(type: string, ptrSize: number): Layout {
  switch (type) {
    case 'bool':
    case 's8':
    case 'u8':
      return { size: 1, align: 1 };
    case 's16':
    case 'u16':
      return { size: 2, align: 2 };
    case 's64':
    case 'u64':
    case 'f64':
      return { size: 8, align: 8 };
    case 'string':
      return { size: 2 * ptrSize, align: ptrSize };
    default:
      return { size: 4, align: 4 };
  }
}

function recordLayout(parts: readonly Layout[]): Layout {
  let size = 0;
  let align = 1;
  for (const p of parts) {
    size = alignTo(size, p.align) + p.size;
    align = Math.max(align, p.align);
  }
  return { size: alignTo(size, align), align };
}

function variantLayout(cases: readonly (Layout | null)[]): Layout {
  const disc = discriminantSize(cases.length);
  let maxAlign = disc;
  let maxSize = 0;
  for (const c of cases) {
    if (c === null) continue;
    maxAlign = Math.max(maxAlign, c.align);
    maxSize = Math.max(maxSize, c.size);
  }
  return { size: alignTo(alignTo(disc, maxAlign) + maxSize, maxAlign), align: maxAlign };
}

/** The layout of a value type; `layoutOfDefined` gives that of an interned defined type. */
export function valTypeLayout(types: ComponentTypeList, type: ComponentValType, ptrSize: number): Layout {
  if (type.kind === 'primitive') return primitiveLayout(type.type, ptrSize);
  return types.derived(`layout${ptrSize}`, type.id, (id) => {
    const entry = types.get(id);
    return entry.kind === 'defined' ? definedTypeLayout(types, entry.type, ptrSize) : { size: 4, align: 4 };
  });
}

/** The layout of a defined value type (CanonicalABI.md `elem_size` and `alignment`). */
export function definedTypeLayout(types: ComponentTypeList, d: ComponentDefinedType, ptrSize: number): Layout {
  const of = (t: ComponentValType): Layout => valTypeLayout(types, t, ptrSize);
  const ofOpt = (t: ComponentValType | null): Layout | null => (t === null ? null : of(t));
  switch (d.kind) {
    case 'primitive':
      return primitiveLayout(d.type, ptrSize);
    case 'list':
    case 'map': {
      if (d.kind === 'list' && d.length !== null) {
        const e = of(d.element);
        return { size: alignTo(e.size, e.align) * d.length, align: e.align };
      }
      return { size: 2 * ptrSize, align: ptrSize };
    }
    case 'record':
      return recordLayout(d.fields.map((f) => of(f.type)));
    case 'tuple':
      return recordLayout(d.types.map(of));
    case 'variant':
      return variantLayout(d.cases.map((c) => ofOpt(c.type)));
    case 'option':
      return variantLayout([null, of(d.type)]);
    case 'result':
      return variantLayout([ofOpt(d.ok), ofOpt(d.err)]);
    case 'enum': {
      const size = discriminantSize(d.names.length);
      return { size, align: size };
    }
    case 'flags': {
      const size = flagsSize(d.names.length);
      return { size, align: Math.min(size, 4) };
    }
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      return { size: 4, align: 4 };
    default:
      return assertNever(d);
  }
}
