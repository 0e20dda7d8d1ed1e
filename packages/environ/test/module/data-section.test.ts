import { expect } from 'chai';
import { translateModule, validateModule } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { section, vec, wasmModule } from '../wasm-builder.js';

const MEMORY = section(5, vec([[0x00, 0x01]]));

describe('readDataSection', () => {
  it('reads active and passive segments as ranges of the binary', () => {
    const data = section(11, vec([[0x00, 0x41, 0x08, 0x0b, 0x02, 0x61, 0x62], [0x01, 0x01, 0x63], [0x02, 0x00, 0x41, 0x00, 0x0b, 0x00]]));
    const translation = translateModule(wasmModule(MEMORY, section(12, [0x03]), data));
    expect(translation.dataCount).to.equal(3);
    expect(translation.dataSegments.values()).to.deep.equal([
      { mode: { kind: 'active', memory: 0, offset: [{ kind: 'i32.const', value: 8 }] }, data: { offset: 24, length: 2 } },
      { mode: { kind: 'passive' }, data: { offset: 28, length: 1 } },
      { mode: { kind: 'active', memory: 0, offset: [{ kind: 'i32.const', value: 0 }] }, data: { offset: 35, length: 0 } },
    ]);
    expect(new TextDecoder().decode(translation.wasm.subarray(24, 26))).to.equal('ab');
  });
  it('rejects a count that differs from the data count section, at the count', () => {
    const data = section(11, vec([[0x01, 0x00]]));
    expectValidationError(() => validateModule(wasmModule(MEMORY, section(12, [0x02]), data)), 18, 'data count and data section have inconsistent lengths');
  });
  it('rejects a data count without a data section, at the end', () => {
    expectValidationError(() => validateModule(wasmModule(MEMORY, section(12, [0x01]))), 16, 'data count and data section have inconsistent lengths');
  });
  it('rejects an active segment without a memory', () => {
    expectValidationError(
      () => validateModule(wasmModule(section(11, vec([[0x00, 0x41, 0x00, 0x0b, 0x00]])))),
      11,
      'unknown memory 0: memory index out of bounds',
    );
  });
  it('rejects unknown flags', () => {
    expectValidationError(() => validateModule(wasmModule(section(11, vec([[0x03]])))), 11, 'malformed data segment kind: invalid flags (0x3)');
  });
  it('rejects a segment whose bytes run past the section', () => {
    expectValidationError(() => validateModule(wasmModule(section(11, [0x01, 0x01, 0x05, 0x61]))), 13, 'unexpected end-of-file, expected 4 more bytes');
  });
});
