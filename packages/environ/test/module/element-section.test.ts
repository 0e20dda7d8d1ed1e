import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { translateModule, validateModule, EXTERNREF, FUNCREF } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { section, vec, wasmModule } from '../wasm-builder.js';

describe('readElementSection', () => {
  it('reads all eight encodings', async () => {
    const bytes = await parse(`(module
      (table $t0 2 funcref) (table $t1 2 funcref) (table $t2 2 externref)
      (func $f) (func $g)
      (elem (i32.const 0) $f)                                   ;; 0: active table 0, function indices
      (elem func $g)                                            ;; 1: passive, function indices
      (elem (table $t1) (i32.const 0) func $f $g)               ;; 2: active table 1, function indices
      (elem declare func $g)                                    ;; 3: declarative, function indices
      (elem (i32.const 1) funcref (ref.func $g))                ;; 4: active table 0, expressions
      (elem externref (ref.null extern))                        ;; 5: passive, expressions
      (elem (table $t2) (i32.const 0) externref (ref.null extern)) ;; 6: active table 2, expressions
      (elem declare funcref (ref.func $f)))                     ;; 7: declarative, expressions
    `);
    const translation = translateModule(bytes);
    const segments = translation.elementSegments.values();
    expect(segments.map((s) => s.mode.kind)).to.deep.equal(['active', 'passive', 'active', 'declarative', 'active', 'passive', 'active', 'declarative']);
    expect(segments.map((s) => (s.mode.kind === 'active' ? s.mode.table : null))).to.deep.equal([0, null, 1, null, 0, null, 2, null]);
    expect(segments.map((s) => s.elementType)).to.deep.equal([FUNCREF, FUNCREF, FUNCREF, FUNCREF, FUNCREF, EXTERNREF, EXTERNREF, FUNCREF]);
    expect(segments[0]?.mode).to.deep.equal({ kind: 'active', table: 0, offset: [{ kind: 'i32.const', value: 0 }] });
    expect(segments[2]?.items).to.deep.equal({ kind: 'functions', functions: [0, 1] });
    expect(segments[4]?.items).to.deep.equal({ kind: 'expressions', expressions: [[{ kind: 'ref.func', func: 1 }]] });
    expect(segments[5]?.items).to.deep.equal({ kind: 'expressions', expressions: [[{ kind: 'ref.null', type: EXTERNREF }]] });
    expect(translation.exportedSignatures).to.deep.equal([0]);
  });
  it('reads each flags value from hand-built bytes', () => {
    const types = section(1, vec([[0x60, 0x00, 0x00]]));
    const funcs = section(3, vec([[0x00]]));
    const table = section(4, vec([[0x70, 0x00, 0x01]]));
    const offset = [0x41, 0x00, 0x0b];
    const refFunc = [0xd2, 0x00, 0x0b];
    const segments = [
      [0x00, ...offset, 0x01, 0x00],
      [0x01, 0x00, 0x01, 0x00],
      [0x02, 0x00, ...offset, 0x00, 0x01, 0x00],
      [0x03, 0x00, 0x01, 0x00],
      [0x04, ...offset, 0x01, ...refFunc],
      [0x05, 0x70, 0x01, ...refFunc],
      [0x06, 0x00, ...offset, 0x70, 0x01, ...refFunc],
      [0x07, 0x70, 0x01, ...refFunc],
    ];
    const code = section(10, vec([[0x02, 0x00, 0x0b]]));
    const translation = translateModule(wasmModule(types, funcs, table, section(9, vec(segments)), code));
    expect(translation.elementSegments.values().map((s) => `${s.mode.kind}/${s.items.kind}`)).to.deep.equal([
      'active/functions',
      'passive/functions',
      'active/functions',
      'declarative/functions',
      'active/expressions',
      'passive/expressions',
      'active/expressions',
      'declarative/expressions',
    ]);
  });
  it('rejects flags above 7', () => {
    expectValidationError(
      () => validateModule(wasmModule(section(9, vec([[0x08]])))),
      11,
      'malformed elements segment kind: invalid flags (0x8)',
    );
  });
  it('rejects an element type that does not match the table, at the table', () => {
    const table = section(4, vec([[0x6f, 0x00, 0x01]]));
    expectValidationError(
      () => validateModule(wasmModule(table, section(9, vec([[0x00, 0x41, 0x00, 0x0b, 0x00]])))),
      17,
      'type mismatch: invalid element type `funcref` for table type `externref`',
    );
  });
  it('rejects an unknown table and an unknown function', () => {
    expectValidationError(
      () => validateModule(wasmModule(section(9, vec([[0x00, 0x41, 0x00, 0x0b, 0x00]])))),
      11,
      'unknown table 0: table index out of bounds',
    );
    expectValidationError(
      () => validateModule(wasmModule(section(9, vec([[0x01, 0x00, 0x01, 0x00]])))),
      14,
      'unknown function 0: func index out of bounds',
    );
  });
  it('does not reserve room for a hostile item count', () => {
    expectValidationError(
      () => validateModule(wasmModule(section(9, vec([[0x01, 0x00, 0x80, 0xad, 0xe2, 0x04]])))),
      17,
      'unexpected end-of-file',
    );
  });
  it('rejects a non-zero element kind', () => {
    expectValidationError(() => validateModule(wasmModule(section(9, vec([[0x01, 0x01, 0x00]])))), 12, 'malformed element kind: 0x1');
  });
  it('rejects an offset that is not i32', () => {
    const table = section(4, vec([[0x70, 0x00, 0x01]]));
    expectValidationError(
      () => validateModule(wasmModule(table, section(9, vec([[0x00, 0x42, 0x00, 0x0b, 0x00]])))),
      20,
      'type mismatch: expected i32, found i64',
    );
  });
});
