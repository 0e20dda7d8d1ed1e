import { expect } from 'chai';
import { translateModule, validateModule, withFeatures, WASM2_FEATURES, EXTERNREF } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { leb, section, vec, wasmModule } from '../wasm-builder.js';

const memories = (...types: number[][]): number[] => section(5, vec(types));
const tables = (...types: number[][]): number[] => section(4, vec(types));
const THREADS = withFeatures(WASM2_FEATURES, { threads: true });

describe('readMemoryType', () => {
  it('reads limits with and without a maximum', () => {
    const translation = translateModule(wasmModule(memories([0x01, 0x01, 0x02])));
    expect(translation.memories.values()).to.deep.equal([{ limits: { min: 1, max: 2 }, shared: false, is64: false, pageSizeLog2: 16 }]);
  });
  it('rejects a minimum greater than the maximum, at the maximum', () => {
    expectValidationError(() => validateModule(wasmModule(memories([0x01, 0x02, 0x01]))), 13, 'size minimum must not be greater than maximum');
  });
  it('rejects more than 65536 pages', () => {
    expectValidationError(() => validateModule(wasmModule(memories([0x00, ...leb(65537)]))), 12, 'memory size must be at most 65536 pages (4GiB)');
    expectValidationError(
      () => validateModule(wasmModule(memories([0x01, 0x00, ...leb(65537)]))),
      13,
      'memory size must be at most 65536 pages (4GiB)',
    );
    expect(() => validateModule(wasmModule(memories([0x01, 0x00, ...leb(65536)])))).not.to.throw();
  });
  it('rejects a shared memory without threads', () => {
    expectValidationError(() => validateModule(wasmModule(memories([0x03, 0x01, 0x01]))), 11, 'threads must be enabled for shared memories');
  });
  it('accepts a shared memory with threads and a maximum', () => {
    const translation = translateModule(wasmModule(memories([0x03, 0x01, 0x01])), THREADS);
    expect(translation.memories.values()[0]?.shared).to.equal(true);
  });
  it('rejects a shared memory without a maximum', () => {
    expectValidationError(() => validateModule(wasmModule(memories([0x02, 0x01])), THREADS), 11, 'shared memory must have maximum size');
  });
  it('rejects memory64 limits', () => {
    expectValidationError(() => validateModule(wasmModule(memories([0x04, 0x01]))), 11, 'memory64 must be enabled for 64-bit memories');
  });
  it('rejects a second memory unless multi-memory is enabled', () => {
    const bytes = wasmModule(memories([0x00, 0x01], [0x00, 0x01]));
    expectValidationError(() => validateModule(bytes), 10, 'multiple memories');
    expect(() => validateModule(bytes, withFeatures(WASM2_FEATURES, { multiMemory: true }))).not.to.throw();
  });
});

describe('readTableType', () => {
  it('reads the element type and limits', () => {
    const translation = translateModule(wasmModule(tables([0x6f, 0x01, 0x01, 0x02])));
    expect(translation.tables.values()).to.deep.equal([{ element: EXTERNREF, limits: { min: 1, max: 2 }, is64: false }]);
  });
  it('rejects a minimum greater than the maximum, at the maximum', () => {
    expectValidationError(() => validateModule(wasmModule(tables([0x70, 0x01, 0x02, 0x01]))), 14, 'size minimum must not be greater than maximum');
  });
  it('rejects a non-reference element type', () => {
    expectValidationError(() => validateModule(wasmModule(tables([0x7f, 0x00, 0x01]))), 11, 'malformed reference type: 0x7f');
  });
  it('rejects the initializer form of function references', () => {
    expectValidationError(
      () => validateModule(wasmModule(tables([0x40, 0x00, 0x70, 0x00, 0x01, 0xd0, 0x70, 0x0b]))),
      11,
      'tables with expression initializers require the function-references proposal',
    );
  });
  it('rejects a second table without reference types', () => {
    const bytes = wasmModule(tables([0x70, 0x00, 0x01], [0x70, 0x00, 0x01]));
    expectValidationError(() => validateModule(bytes, withFeatures(WASM2_FEATURES, { referenceTypes: false })), 10, 'multiple tables');
    expect(() => validateModule(bytes)).not.to.throw();
  });
});
