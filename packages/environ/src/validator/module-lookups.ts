/**
 * Index-space lookups into the module context for instruction validation. Each checks the
 * index and throws wasmparser's error at `offset` (the instruction's) when it is out of range.
 */
import { ValidationError } from '../error.js';
import type { FuncType, TableType } from '../types/core-types.js';
import { AbstractHeapType, NULLABLE_BIT, REF_BIT, concreteIndexOf, type HeapType, type RefType, type ValType } from '../types/val-type.js';
import type { ModuleValidationContext } from './module-context.js';

/**
 * The function type at `typeIndex`.
 * @throws ValidationError when the index is out of range or names a non-function type
 */
export function funcTypeAt(ctx: ModuleValidationContext, typeIndex: number, offset: number): FuncType {
  const sub = ctx.types[typeIndex];
  if (sub === undefined) throw new ValidationError('unknown type: type index out of bounds', offset);
  const composite = sub.composite;
  if (composite.kind !== 'func') {
    throw new ValidationError(`expected func type at index ${typeIndex}, found ${composite.kind}`, offset);
  }
  return composite;
}

/**
 * The type of function `funcIndex`.
 * @throws ValidationError when the function index is out of range
 */
export function funcTypeOfFunction(ctx: ModuleValidationContext, funcIndex: number, offset: number): FuncType {
  const typeIndex = ctx.funcTypeIndices[funcIndex];
  if (typeIndex === undefined) {
    throw new ValidationError(`unknown function ${funcIndex}: function index out of bounds`, offset);
  }
  return funcTypeAt(ctx, typeIndex, offset);
}

/**
 * Table `tableIndex`.
 * @throws ValidationError when the index is out of range
 */
export function tableAt(ctx: ModuleValidationContext, tableIndex: number, offset: number): TableType {
  const table = ctx.tables[tableIndex];
  if (table === undefined) throw new ValidationError(`unknown table ${tableIndex}: table index out of bounds`, offset);
  return table;
}

/**
 * The element type of element segment `segment`.
 * @throws ValidationError when the index is out of range
 */
export function elemTypeAt(ctx: ModuleValidationContext, segment: number, offset: number): RefType {
  const type = ctx.elemTypes[segment];
  if (type === undefined) {
    throw new ValidationError(`unknown elem segment ${segment}: segment index out of bounds`, offset);
  }
  return type;
}

/**
 * Checks a data segment index, which needs the data count section (so that single-pass
 * validation knows the number of segments before the code section).
 * @throws ValidationError without a data count section, or when the index is out of range
 */
export function checkDataSegment(ctx: ModuleValidationContext, segment: number, offset: number): void {
  const count = ctx.dataCount;
  if (count === null) throw new ValidationError('data count section required', offset);
  if (segment >= count) throw new ValidationError(`unknown data segment ${segment}`, offset);
}

/**
 * The params of exception tag `tagIndex`, whose type must have no results.
 * @throws ValidationError when the index is out of range or the tag type has results
 */
export function tagParams(ctx: ModuleValidationContext, tagIndex: number, offset: number): readonly ValType[] {
  const tag = ctx.tags[tagIndex];
  if (tag === undefined) throw new ValidationError(`unknown tag ${tagIndex}: tag index out of bounds`, offset);
  const type = funcTypeAt(ctx, tag.typeIndex, offset);
  if (type.results.length !== 0) throw new ValidationError('invalid exception type: non-empty tag result type', offset);
  return type.params;
}

/**
 * `actual <: expected` for the types validated today: identity, a non-null reference under its
 * nullable form, and a concrete function type under `func`. (GC's full subtyping comes later.)
 */
export function isSubtype(ctx: ModuleValidationContext, actual: number, expected: number): boolean {
  if (actual === expected) return true;
  if ((actual & REF_BIT) === 0 || (expected & REF_BIT) === 0) return false;
  if ((actual & NULLABLE_BIT) !== 0 && (expected & NULLABLE_BIT) === 0) return false;
  const actualHeap = actual & ~(REF_BIT | NULLABLE_BIT);
  const expectedHeap = expected & ~(REF_BIT | NULLABLE_BIT);
  if (actualHeap === expectedHeap) return true;
  if (expectedHeap === AbstractHeapType.func) {
    const index = concreteIndexOf(actualHeap as HeapType);
    return index >= 0 && ctx.types[index]?.composite.kind === 'func';
  }
  return false;
}
