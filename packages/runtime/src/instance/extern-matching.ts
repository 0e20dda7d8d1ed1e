// Import matching (spec 4.5.4 "Import Subtyping", as wasmtime checks it before instantiating):
// functions need equal types, globals equal content and mutability, tables and memories
// limits subtyping, and the same element type, index type and sharing. Each check returns why
// it fails, or null, so the caller can prefix wasmtime's "incompatible import type" line.

import { valTypeToString, type FuncType, type GlobalType, type Limits, type MemoryType, type TableType } from '@tswasm/environ';

function funcTypeToString(type: FuncType): string {
  return `(func (param ${type.params.map(valTypeToString).join(' ')}) (result ${type.results.map(valTypeToString).join(' ')}))`;
}

function sameTypes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Why a function of type `actual` cannot satisfy an import of `expected`, or null. */
export function matchFuncType(expected: FuncType, actual: FuncType): string | null {
  if (sameTypes(expected.params, actual.params) && sameTypes(expected.results, actual.results)) return null;
  return `types incompatible: expected func of type \`${funcTypeToString(expected)}\`, found func of type \`${funcTypeToString(actual)}\``;
}

/** Why a global of type `actual` cannot satisfy an import of `expected`, or null. */
export function matchGlobalType(expected: GlobalType, actual: GlobalType): string | null {
  if (expected.mutable !== actual.mutable) {
    return `global types incompatible: expected ${expected.mutable ? 'mutable' : 'immutable'} global, found ${actual.mutable ? 'mutable' : 'immutable'} global`;
  }
  if (expected.content !== actual.content) {
    return `global types incompatible: expected global of type ${valTypeToString(expected.content)}, found ${valTypeToString(actual.content)}`;
  }
  return null;
}

function limitsMatch(expected: Limits, actual: Limits): boolean {
  if (actual.min < expected.min) return false;
  if (expected.max === null) return true;
  return actual.max !== null && actual.max <= expected.max;
}

function limitsToString(limits: Limits, unit: string): string {
  return `${unit} limits (${limits.min}, ${limits.max === null ? 'unbounded' : limits.max})`;
}

/** Why a table of type `actual` cannot satisfy an import of `expected`, or null. */
export function matchTableType(expected: TableType, actual: TableType): string | null {
  if (expected.element !== actual.element) {
    return `table types incompatible: expected table of ${valTypeToString(expected.element)}, found table of ${valTypeToString(actual.element)}`;
  }
  if (expected.is64 !== actual.is64) return 'table types incompatible: index types differ';
  if (!limitsMatch(expected.limits, actual.limits)) {
    return `table types incompatible: expected ${limitsToString(expected.limits, 'table')}, found ${limitsToString(actual.limits, 'table')}`;
  }
  return null;
}

/** Why a memory of type `actual` cannot satisfy an import of `expected`, or null. */
export function matchMemoryType(expected: MemoryType, actual: MemoryType): string | null {
  if (expected.shared !== actual.shared) {
    return `memory types incompatible: expected ${expected.shared ? 'shared' : 'unshared'} memory, found ${actual.shared ? 'shared' : 'unshared'} memory`;
  }
  if (expected.is64 !== actual.is64) return 'memory types incompatible: index types differ';
  if (expected.pageSizeLog2 !== actual.pageSizeLog2) return 'memory types incompatible: page sizes differ';
  if (!limitsMatch(expected.limits, actual.limits)) {
    return `memory types incompatible: expected ${limitsToString(expected.limits, 'memory')}, found ${limitsToString(actual.limits, 'memory')}`;
  }
  return null;
}
