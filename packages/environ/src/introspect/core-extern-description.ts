// What a core module imports and exports, as plain data with value types spelled as in the
// text format, and its one-line WAT-like rendering (`(func (param i32) (result i64))`).

import type { FuncType, GlobalType, MemoryType, TableType } from '../types/core-types.js';
import { valTypeToString } from '../types/val-type.js';
import { assertNever } from '../util/assert-never.js';

/** A core import's or export's type. */
export type CoreExternDescription =
  | { readonly kind: 'func'; readonly params: readonly string[]; readonly results: readonly string[] }
  | { readonly kind: 'table'; readonly element: string; readonly min: number; readonly max: number | null; readonly is64: boolean }
  | { readonly kind: 'memory'; readonly min: number; readonly max: number | null; readonly shared: boolean; readonly is64: boolean; readonly pageSizeLog2: number }
  | { readonly kind: 'global'; readonly content: string; readonly mutable: boolean }
  | { readonly kind: 'tag'; readonly params: readonly string[]; readonly results: readonly string[] };

/** Describes a function (or, with `kind` 'tag', a tag's) signature. */
export function describeCoreFunc(type: FuncType, kind: 'func' | 'tag' = 'func'): CoreExternDescription {
  return { kind, params: type.params.map(valTypeToString), results: type.results.map(valTypeToString) };
}

/** Describes a table type. */
export function describeCoreTable(type: TableType): CoreExternDescription {
  return { kind: 'table', element: valTypeToString(type.element), min: type.limits.min, max: type.limits.max, is64: type.is64 };
}

/** Describes a memory type. */
export function describeCoreMemory(type: MemoryType): CoreExternDescription {
  return { kind: 'memory', min: type.limits.min, max: type.limits.max, shared: type.shared, is64: type.is64, pageSizeLog2: type.pageSizeLog2 };
}

/** Describes a global type. */
export function describeCoreGlobal(type: GlobalType): CoreExternDescription {
  return { kind: 'global', content: valTypeToString(type.content), mutable: type.mutable };
}

function limitsText(min: number, max: number | null, is64: boolean): string {
  return `${is64 ? 'i64 ' : ''}${min}${max === null ? '' : ` ${max}`}`;
}

function signatureText(params: readonly string[], results: readonly string[]): string {
  let text = '';
  if (params.length > 0) text += ` (param ${params.join(' ')})`;
  if (results.length > 0) text += ` (result ${results.join(' ')})`;
  return text;
}

/** The text-format rendering of `type`, e.g. `(memory 1 2 shared)` or `(global (mut i32))`. */
export function coreExternText(type: CoreExternDescription): string {
  switch (type.kind) {
    case 'func':
    case 'tag':
      return `(${type.kind}${signatureText(type.params, type.results)})`;
    case 'table':
      return `(table ${limitsText(type.min, type.max, type.is64)} ${type.element})`;
    case 'memory': {
      const pageSize = type.pageSizeLog2 === 16 ? '' : ` (pagesize ${2 ** type.pageSizeLog2})`;
      return `(memory ${limitsText(type.min, type.max, type.is64)}${type.shared ? ' shared' : ''}${pageSize})`;
    }
    case 'global':
      return `(global ${type.mutable ? `(mut ${type.content})` : type.content})`;
    default:
      return assertNever(type);
  }
}
