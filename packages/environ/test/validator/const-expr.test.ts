import { expect } from 'chai';
import { translateModule, validateModule, withFeatures, WASM2_FEATURES, FUNCREF } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { name, section, vec, wasmModule } from '../wasm-builder.js';

const globals = (...entries: number[][]): number[] => section(6, vec(entries));
const importGlobal = (mutable: boolean): number[] => section(2, vec([[...name('m'), ...name('g'), 0x03, 0x7f, mutable ? 0x01 : 0x00]]));
const EXTENDED = withFeatures(WASM2_FEATURES, { extendedConst: true });

describe('readConstExpr', () => {
  it('decodes the number constants, keeping float bits', () => {
    const translation = translateModule(
      wasmModule(
        globals(
          [0x7f, 0x00, 0x41, 0x7f, 0x0b],
          [0x7e, 0x00, 0x42, 0x80, 0x01, 0x0b],
          [0x7d, 0x00, 0x43, 0x01, 0x00, 0xc0, 0x7f, 0x0b],
          [0x7c, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x0b],
          [0x7b, 0x00, 0xfd, 0x0c, ...new Array<number>(15).fill(0), 0x07, 0x0b],
        ),
      ),
    );
    expect(translation.globals.values().map((global) => global.init)).to.deep.equal([
      [{ kind: 'i32.const', value: -1 }],
      [{ kind: 'i64.const', value: 128n }],
      [{ kind: 'f32.const', bits: 0x7fc00001 }],
      [{ kind: 'f64.const', bits: 0x3ff0000000000000n }],
      [{ kind: 'v128.const', bytes: Uint8Array.of(...new Array<number>(15).fill(0), 0x07) }],
    ]);
  });
  it('accepts global.get of an imported immutable global', () => {
    const translation = translateModule(wasmModule(importGlobal(false), globals([0x7f, 0x00, 0x23, 0x00, 0x0b])));
    expect(translation.globals.values()[1]?.init).to.deep.equal([{ kind: 'global.get', global: 0 }]);
  });
  it('rejects global.get of a locally defined global, at the instruction', () => {
    expectValidationError(
      () => validateModule(wasmModule(globals([0x7f, 0x00, 0x41, 0x00, 0x0b], [0x7f, 0x00, 0x23, 0x00, 0x0b]))),
      18,
      'constant expression required: global.get of locally defined global',
    );
  });
  it('rejects global.get of a mutable global', () => {
    expectValidationError(
      () => validateModule(wasmModule(importGlobal(true), globals([0x7f, 0x00, 0x23, 0x00, 0x0b]))),
      23,
      'constant expression required: global.get of mutable global',
    );
  });
  it('rejects global.get of an unknown global, at the index', () => {
    expectValidationError(() => validateModule(wasmModule(globals([0x7f, 0x00, 0x23, 0x05, 0x0b]))), 14, 'unknown global 5: global index out of bounds');
  });
  it('rejects arithmetic without extended-const', () => {
    expectValidationError(
      () => validateModule(wasmModule(globals([0x7f, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b]))),
      17,
      'constant expression required: non-constant operator: i32.add',
    );
  });
  it('decodes arithmetic with extended-const', () => {
    const translation = translateModule(wasmModule(globals([0x7e, 0x00, 0x42, 0x01, 0x42, 0x02, 0x7e, 0x42, 0x03, 0x7d, 0x0b])), EXTENDED);
    expect(translation.globals.values()[0]?.init).to.deep.equal([
      { kind: 'i64.const', value: 1n },
      { kind: 'i64.const', value: 2n },
      { kind: 'i64.mul' },
      { kind: 'i64.const', value: 3n },
      { kind: 'i64.sub' },
    ]);
  });
  it('type-checks arithmetic operands', () => {
    expectValidationError(
      () => validateModule(wasmModule(globals([0x7f, 0x00, 0x41, 0x01, 0x42, 0x02, 0x6a, 0x0b])), EXTENDED),
      17,
      'type mismatch: expected i32, found i64',
    );
  });
  it('rejects any other instruction', () => {
    expectValidationError(() => validateModule(wasmModule(globals([0x7f, 0x00, 0x01, 0x0b]))), 13, 'constant expression required: non-constant operator');
  });
  it('rejects a result of the wrong type, and an empty expression, at the end', () => {
    expectValidationError(() => validateModule(wasmModule(globals([0x7f, 0x00, 0x42, 0x00, 0x0b]))), 15, 'type mismatch: expected i32, found i64');
    expectValidationError(() => validateModule(wasmModule(globals([0x7f, 0x00, 0x0b]))), 13, 'type mismatch: expected i32, found nothing');
    expectValidationError(
      () => validateModule(wasmModule(globals([0x7f, 0x00, 0x41, 0x00, 0x41, 0x00, 0x0b]))),
      17,
      'type mismatch: expected i32, found i32, i32',
    );
  });
  it('rejects an expression without end', () => {
    expectValidationError(() => validateModule(wasmModule(globals([0x7f, 0x00, 0x41, 0x00]))), 15, 'unexpected end-of-file');
  });
  it('declares the functions ref.func names in globals, which then need trampolines', () => {
    const types = section(1, vec([[0x60, 0x00, 0x00], [0x60, 0x01, 0x7f, 0x00]]));
    const funcs = section(3, vec([[0x00], [0x01]]));
    const code = section(10, vec([[0x02, 0x00, 0x0b], [0x02, 0x00, 0x0b]]));
    const translation = translateModule(wasmModule(types, funcs, globals([0x70, 0x00, 0xd2, 0x01, 0x0b]), code));
    expect(translation.globals.values()[0]).to.deep.equal({ type: { content: FUNCREF, mutable: false }, init: [{ kind: 'ref.func', func: 1 }] });
    expect(translation.exportedSignatures).to.deep.equal([1]);
  });
  it('rejects ref.null of a heap type that is not enabled', () => {
    expectValidationError(() => validateModule(wasmModule(globals([0x70, 0x00, 0xd0, 0x6e, 0x0b]))), 14, 'gc support is not enabled');
  });
});
