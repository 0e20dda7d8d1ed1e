import { matchFuncType, matchGlobalType, matchMemoryType, matchTableType } from '@tswasm/runtime';
import type { ExternType } from '../module/extern-type.js';

/** Why an item of type `actual` cannot satisfy an import of type `expected`, or null. */
export function matchExtern(expected: ExternType, actual: ExternType): string | null {
  switch (expected.kind) {
    case 'func':
      return actual.kind === 'func' ? matchFuncType(expected.type, actual.type) : kindMismatch(expected, actual);
    case 'global':
      return actual.kind === 'global' ? matchGlobalType(expected.type, actual.type) : kindMismatch(expected, actual);
    case 'table':
      return actual.kind === 'table' ? matchTableType(expected.type, actual.type) : kindMismatch(expected, actual);
    case 'memory':
      return actual.kind === 'memory' ? matchMemoryType(expected.type, actual.type) : kindMismatch(expected, actual);
    case 'tag':
      if (actual.kind !== 'tag') return kindMismatch(expected, actual);
      return matchFuncType(expected.type, actual.type) === null ? null : 'tag types incompatible';
  }
}

function kindMismatch(expected: ExternType, actual: ExternType): string {
  return `types incompatible: expected ${expected.kind}, found ${actual.kind}`;
}
