// Binary.md `sort` and `core:sort`: which index space a `sortidx` or alias names.

import type { BinaryReader } from '../../binary/binary-reader.js';

/** A core sort, by its text keyword. */
export type CoreSort = 'func' | 'table' | 'memory' | 'global' | 'tag' | 'type' | 'module' | 'instance';

/** A component sort: a core sort, or one of the component index spaces. */
export type Sort =
  | { readonly kind: 'core'; readonly sort: CoreSort }
  | { readonly kind: 'func' | 'value' | 'type' | 'component' | 'instance' };

/** Reads a `core:sort`. */
export function readCoreSort(reader: BinaryReader): CoreSort {
  const at = reader.pos;
  const byte = reader.readU8();
  switch (byte) {
    case 0x00:
      return 'func';
    case 0x01:
      return 'table';
    case 0x02:
      return 'memory';
    case 0x03:
      return 'global';
    case 0x04:
      return 'tag';
    case 0x10:
      return 'type';
    case 0x11:
      return 'module';
    case 0x12:
      return 'instance';
    default:
      return reader.fail(`invalid leading byte (0x${byte.toString(16)}) for core sort`, at);
  }
}

/** Reads a `sort`. */
export function readSort(reader: BinaryReader): Sort {
  const at = reader.pos;
  const byte = reader.readU8();
  switch (byte) {
    case 0x00:
      return { kind: 'core', sort: readCoreSort(reader) };
    case 0x01:
      return { kind: 'func' };
    case 0x02:
      return { kind: 'value' };
    case 0x03:
      return { kind: 'type' };
    case 0x04:
      return { kind: 'component' };
    case 0x05:
      return { kind: 'instance' };
    default:
      return reader.fail(`invalid leading byte (0x${byte.toString(16)}) for sort`, at);
  }
}

/** The sort as the text format names it, for messages. */
export function sortName(sort: Sort): string {
  return sort.kind === 'core' ? `core ${sort.sort}` : sort.kind;
}
