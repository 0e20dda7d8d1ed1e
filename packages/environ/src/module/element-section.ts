// The element section (binary format 5.5.12). The flags word picks one of eight encodings:
//   bit 0  passive or declarative (else active)
//   bit 1  active: an explicit table index follows; otherwise: declarative (else passive)
//   bit 2  items are constant expressions with a reference type (else function indices
//          with an element kind, 0x00 = funcref)
// Encodings 0 and 4 use table 0 and leave the element type implicit (funcref).

import type { BinaryReader } from '../binary/binary-reader.js';
import type { ElementItems, ElementMode } from '../translate/module-translation.js';
import type { ConstExpr } from '../validator/const-expr.js';
import { readConstExpr } from '../validator/const-expr.js';
import type { FuncIndex } from '../types/indices.js';
import type { RefType } from '../types/val-type.js';
import { FUNCREF, I32, valTypeToString } from '../types/val-type.js';
import { MAX_WASM_ELEMENT_SEGMENTS, MAX_WASM_TABLE_ENTRIES } from './limits.js';
import { checkFuncIndex, checkTableIndex } from './index-bounds.js';
import type { ModuleState } from './module-state.js';
import { readRefType } from '../types/val-type-reader.js';

/**
 * Reads the element section into `state.elementSegments` and `state.elemTypes`; every
 * function the segments name becomes a declared function reference.
 * @throws ValidationError for bad flags or kinds, unknown tables or functions, an element
 *   type that does not match its table, or a bad constant expression
 */
export function readElementSection(reader: BinaryReader, state: ModuleState): void {
  const count = reader.readSize(MAX_WASM_ELEMENT_SEGMENTS, 'element segment');
  for (let i = 0; i < count; i++) {
    const flagsPos = reader.pos;
    const flags = reader.readVarU32();
    if (flags > 7) reader.fail(`malformed elements segment kind: invalid flags (0x${flags.toString(16)})`, flagsPos);
    if (flags !== 0 && !state.features.bulkMemory) reader.fail('bulk memory must be enabled', flagsPos);
    const usesExpressions = (flags & 0b100) !== 0;

    let mode: ElementMode;
    let tablePos = flagsPos;
    if ((flags & 0b001) === 0) {
      let tableIndex = 0;
      if (flags & 0b010) {
        tablePos = reader.pos;
        tableIndex = reader.readVarU32();
      }
      const table = checkTableIndex(state, reader, tableIndex, tablePos);
      const offset = readConstExpr(reader, state, I32, true);
      mode = { kind: 'active', table, offset };
    } else {
      mode = flags & 0b010 ? { kind: 'declarative' } : { kind: 'passive' };
    }

    // Encodings 0 and 4 have an implicit funcref type; the others spell it.
    let elementType: RefType = FUNCREF;
    if (flags & 0b011) {
      if (usesExpressions) {
        elementType = readRefType(reader, state.features);
      } else {
        const kindPos = reader.pos;
        const kind = reader.readU8();
        if (kind !== 0x00) reader.fail(`malformed element kind: 0x${kind.toString(16)}`, kindPos);
      }
    }

    if (mode.kind === 'active') {
      const tableType = state.tables[mode.table];
      if (tableType !== undefined && tableType.element !== elementType) {
        reader.fail(
          `type mismatch: invalid element type \`${valTypeToString(elementType)}\` for table type \`${valTypeToString(tableType.element)}\``,
          tablePos,
        );
      }
    }

    // The arrays grow as items are read: the count may be a lie the section's size cannot
    // back, and 10 million slots are too many to reserve on its word.
    const itemCount = reader.readSize(MAX_WASM_TABLE_ENTRIES, 'element');
    let items: ElementItems;
    if (usesExpressions) {
      const expressions: ConstExpr[] = [];
      for (let j = 0; j < itemCount; j++) expressions.push(readConstExpr(reader, state, elementType, true));
      items = { kind: 'expressions', expressions };
    } else {
      const functions: FuncIndex[] = [];
      for (let j = 0; j < itemCount; j++) {
        const pos = reader.pos;
        const func = checkFuncIndex(state, reader, reader.readVarU32(), pos);
        state.declaredFuncRefs.add(func);
        functions.push(func);
      }
      items = { kind: 'functions', functions };
    }
    state.elementSegments.push({ mode, elementType, items });
    state.elemTypes.push(elementType);
  }
}
