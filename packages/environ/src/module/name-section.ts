// The `name` custom section (spec appendix 7.4.1): subsections of id, size and content;
// 0 the module name, 1 function names, 2 local names; others (labels, types, ... from the
// extended-name-section proposal) are skipped. Engines ignore a broken name section, so this
// reader never makes a module invalid: it stops at the first problem and records it.

import { BinaryReader } from '../binary/binary-reader.js';
import { ValidationError } from '../error.js';
import type { ModuleNames } from '../translate/module-translation.js';
import type { FuncIndex } from '../types/indices.js';

// Names in a name section are often long mangled symbols (tens of thousands in a debug
// build); decoding each with one TextDecoder call is faster than the reader's ASCII fast path.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readNameText(reader: BinaryReader): string {
  const length = reader.readVarU32();
  const pos = reader.pos;
  const bytes = reader.readBytes(length);
  try {
    return utf8.decode(bytes);
  } catch {
    return reader.fail('malformed UTF-8 encoding', pos);
  }
}

/** A `ModuleNames` that knows nothing, for modules without a name section. */
export const NO_NAMES: ModuleNames = Object.freeze({
  moduleName: null,
  functionNames: new Map<FuncIndex, string>(),
  localNames: new Map<FuncIndex, ReadonlyMap<number, string>>(),
  malformed: null,
});

/**
 * Reads the content of a `name` section found at `offset` in the original binary. Never
 * throws for bad content: what was read before a problem is kept and the problem recorded
 * in `malformed`.
 */
export function readNameSection(bytes: Uint8Array, offset: number): ModuleNames {
  let moduleName: string | null = null;
  const functionNames = new Map<FuncIndex, string>();
  const localNames = new Map<FuncIndex, ReadonlyMap<number, string>>();
  const reader = new BinaryReader(bytes, 0, bytes.length, offset);
  try {
    let lastId = -1;
    while (!reader.eof) {
      const idPos = reader.pos;
      const id = reader.readU8();
      // Subsections appear at most once, in increasing id order.
      if (id <= lastId) reader.fail('name subsection out of order or duplicated', idPos);
      lastId = id;
      const size = reader.readVarU32();
      const sub = reader.subReader(size);
      switch (id) {
        case 0:
          moduleName = readNameText(sub);
          break;
        case 1:
          readNameMap(sub, functionNames);
          break;
        case 2: {
          const count = sub.readVarU32();
          for (let i = 0; i < count; i++) {
            const func = sub.readVarU32() as FuncIndex;
            const locals = new Map<number, string>();
            readNameMap(sub, locals);
            localNames.set(func, locals);
          }
          break;
        }
        default:
          sub.pos = sub.end;
          break;
      }
      if (!sub.eof) sub.fail('name subsection size mismatch: unexpected data at the end of the subsection');
    }
  } catch (error) {
    // Only bad input is tolerated here; anything else is a bug and propagates.
    if (!(error instanceof ValidationError)) throw error;
    return { moduleName, functionNames, localNames, malformed: { reason: error.reason, offset: error.offset } };
  }
  return { moduleName, functionNames, localNames, malformed: null };
}

// A name map: a vector of (index, name) pairs with strictly increasing indices. The count is
// not trusted for allocation: entries are added one by one as they are read.
function readNameMap<K extends number>(reader: BinaryReader, into: Map<K, string>): void {
  const count = reader.readVarU32();
  let last = -1;
  for (let i = 0; i < count; i++) {
    const pos = reader.pos;
    const index = reader.readVarU32();
    if (index <= last) reader.fail('name map indices out of order or duplicated', pos);
    last = index;
    into.set(index as K, readNameText(reader));
  }
}
