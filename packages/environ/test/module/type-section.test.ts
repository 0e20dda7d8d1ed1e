import { expect } from 'chai';
import { translateModule, validateModule, withFeatures, WASM2_FEATURES, I32, I64 } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { leb, section, vec, wasmModule } from '../wasm-builder.js';

describe('readTypeSection', () => {
  it('reads function types, each its own rec group', () => {
    const translation = translateModule(wasmModule(section(1, vec([[0x60, 0x01, 0x7f, 0x00], [0x60, 0x00, 0x02, 0x7f, 0x7e]]))));
    expect(translation.types.values()).to.deep.equal([
      { isFinal: true, supertype: null, composite: { kind: 'func', params: [I32], results: [] } },
      { isFinal: true, supertype: null, composite: { kind: 'func', params: [], results: [I32, I64] } },
    ]);
    expect(translation.recGroups).to.deep.equal([
      { start: 0, count: 1 },
      { start: 1, count: 1 },
    ]);
  });
  it('rejects a rec group without gc', () => {
    expectValidationError(
      () => validateModule(wasmModule(section(1, vec([[0x4e, 0x01, 0x60, 0x00, 0x00]])))),
      11,
      'rec group usage requires `gc` proposal to be enabled',
    );
  });
  it('rejects sub types without gc', () => {
    expectValidationError(
      () => validateModule(wasmModule(section(1, vec([[0x50, 0x00, 0x60, 0x00, 0x00]])))),
      11,
      'gc proposal must be enabled to use subtypes',
    );
  });
  it('rejects an unknown type form', () => {
    expectValidationError(() => validateModule(wasmModule(section(1, vec([[0x61]])))), 11, 'invalid leading byte (0x61) for type definition');
  });
  it('rejects multiple results without multi-value, at the result count', () => {
    const features = withFeatures(WASM2_FEATURES, { multiValue: false });
    const bytes = wasmModule(section(1, vec([[0x60, 0x00, 0x02, 0x7f, 0x7f]])));
    expectValidationError(() => validateModule(bytes, features), 13, 'invalid result arity: func type returns multiple values');
  });
  it('rejects a v128 parameter without simd', () => {
    const features = withFeatures(WASM2_FEATURES, { simd: false });
    expectValidationError(() => validateModule(wasmModule(section(1, vec([[0x60, 0x01, 0x7b, 0x00]]))), features), 13, 'SIMD support is not enabled');
  });
  it('checks the parameter count before allocating', () => {
    expectValidationError(
      () => validateModule(wasmModule(section(1, vec([[0x60, ...leb(1001)]])))),
      12,
      'function params count 1001 exceeds the limit of 1000',
    );
  });
  it('checks the type count before allocating', () => {
    expectValidationError(() => validateModule(wasmModule(section(1, leb(1_000_001)))), 10, 'type count 1000001 exceeds the limit of 1000000');
  });
});
