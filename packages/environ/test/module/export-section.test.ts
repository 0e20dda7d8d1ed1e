import { expect } from 'chai';
import { translateModule, validateModule, withFeatures, WASM2_FEATURES } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { CODE_ONE, FUNC_ONE, TYPE_VOID, name, section, vec, wasmModule } from '../wasm-builder.js';

const exports = (...entries: number[][]): number[] => section(7, vec(entries));

describe('readExportSection', () => {
  it('maps names to kinds and indices in binary order', () => {
    const memory = section(5, vec([[0x00, 0x01]]));
    const translation = translateModule(wasmModule(TYPE_VOID, FUNC_ONE, memory, exports([...name('m'), 0x02, 0x00], [...name('f'), 0x00, 0x00]), CODE_ONE));
    expect([...translation.exports]).to.deep.equal([
      ['m', { kind: 'memory', index: 0 }],
      ['f', { kind: 'func', index: 0 }],
    ]);
    expect(translation.exportedSignatures).to.deep.equal([0]);
  });
  it('rejects a duplicate name at the second name', () => {
    expectValidationError(
      () => validateModule(wasmModule(TYPE_VOID, FUNC_ONE, exports([...name('a'), 0x00, 0x00], [...name('a'), 0x00, 0x00]), CODE_ONE)),
      25,
      'duplicate export name `a` already defined',
    );
  });
  it('rejects an unknown function at its index', () => {
    expectValidationError(
      () => validateModule(wasmModule(TYPE_VOID, FUNC_ONE, exports([...name('a'), 0x00, 0x01]), CODE_ONE)),
      24,
      'unknown function 1: exported function index out of bounds',
    );
  });
  it('rejects an unknown export kind', () => {
    expectValidationError(() => validateModule(wasmModule(exports([...name('a'), 0x07, 0x00]))), 13, 'invalid leading byte (0x7) for external kind');
  });
  it('rejects exporting a mutable global without mutable-global support', () => {
    const features = withFeatures(WASM2_FEATURES, { mutableGlobal: false });
    const global = section(6, vec([[0x7f, 0x01, 0x41, 0x00, 0x0b]]));
    expectValidationError(() => validateModule(wasmModule(global, exports([...name('g'), 0x03, 0x00])), features), 21, 'mutable global support is not enabled');
  });
});

describe('readStartSection', () => {
  it('records a [] -> [] start function', () => {
    expect(translateModule(wasmModule(TYPE_VOID, FUNC_ONE, section(8, [0x00]), CODE_ONE)).start).to.equal(0);
  });
  it('rejects a start function with parameters', () => {
    const types = section(1, vec([[0x60, 0x01, 0x7f, 0x00]]));
    expectValidationError(() => validateModule(wasmModule(types, FUNC_ONE, section(8, [0x00]), CODE_ONE)), 21, 'invalid start function type');
  });
  it('rejects an unknown start function', () => {
    expectValidationError(() => validateModule(wasmModule(section(8, [0x00]))), 10, 'unknown function 0: func index out of bounds');
  });
});
