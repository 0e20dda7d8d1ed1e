import { expect } from 'chai';
import { translateModule, validateModule, withFeatures, WASM2_FEATURES, I32 } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { TYPE_VOID, name, section, vec, wasmModule } from '../wasm-builder.js';

const imports = (...entries: number[][]): number[] => section(2, vec(entries.map((entry) => [...name('m'), ...name('f'), ...entry])));

describe('readImportSection', () => {
  it('reads every kind in order and counts each index space', () => {
    const translation = translateModule(
      wasmModule(TYPE_VOID, imports([0x00, 0x00], [0x01, 0x70, 0x00, 0x01], [0x02, 0x00, 0x01], [0x03, 0x7f, 0x01], [0x00, 0x00])),
    );
    expect(translation.imports.map((entry) => entry.type.kind)).to.deep.equal(['func', 'table', 'memory', 'global', 'func']);
    expect(translation.imports[3]).to.deep.equal({ module: 'm', field: 'f', type: { kind: 'global', type: { content: I32, mutable: true } } });
    expect([translation.numImportedFuncs, translation.numImportedTables, translation.numImportedMemories, translation.numImportedGlobals]).to.deep.equal([
      2, 1, 1, 1,
    ]);
    expect(translation.functions.values()).to.deep.equal([0, 0]);
    expect(translation.globals.values()).to.deep.equal([{ type: { content: I32, mutable: true }, init: null }]);
  });
  it('rejects an unknown import kind at the kind byte', () => {
    expectValidationError(() => validateModule(wasmModule(imports([0x05]))), 15, 'malformed import kind: invalid leading byte (0x5) for external kind');
  });
  it('rejects a function import of an unknown type', () => {
    expectValidationError(() => validateModule(wasmModule(imports([0x00, 0x00]))), 16, 'unknown type 0: type index out of bounds');
  });
  it('rejects a mutable global import without mutable-global support', () => {
    const features = withFeatures(WASM2_FEATURES, { mutableGlobal: false });
    expectValidationError(() => validateModule(wasmModule(imports([0x03, 0x7f, 0x01])), features), 15, 'mutable global support is not enabled');
  });
  it('rejects a bad mutability byte', () => {
    expectValidationError(() => validateModule(wasmModule(imports([0x03, 0x7f, 0x02]))), 17, 'malformed mutability');
  });
  it('rejects a tag import whose type has results', () => {
    const features = withFeatures(WASM2_FEATURES, { exceptions: true });
    const types = section(1, vec([[0x60, 0x00, 0x01, 0x7f]]));
    expectValidationError(() => validateModule(wasmModule(types, imports([0x04, 0x00, 0x00])), features), 24, 'invalid exception type: non-empty tag result type');
  });
});
