import { expect } from 'chai';
import { validateModule, withFeatures, WASM2_FEATURES } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { CODE_ONE, FUNC_ONE, TYPE_VOID, section, vec, wasmModule, name } from '../wasm-builder.js';

describe('validateModuleBinary section framing', () => {
  it('rejects a section out of order at its id', () => {
    expectValidationError(() => validateModule(wasmModule(section(5, vec([[0x00, 0x01]])), TYPE_VOID)), 13, 'section out of order');
  });
  it('rejects a repeated section at its second id', () => {
    expectValidationError(() => validateModule(wasmModule(TYPE_VOID, TYPE_VOID)), 14, 'section out of order');
  });
  it('rejects an unknown section id', () => {
    expectValidationError(() => validateModule(wasmModule(section(14, []))), 8, 'malformed section id: 14');
  });
  it('rejects a section larger than the rest of the input at its size', () => {
    expectValidationError(
      () => validateModule(wasmModule([1, 0x10, 0x00])),
      9,
      'unexpected end-of-file: section size 16 exceeds the remaining 1 bytes',
    );
  });
  it('rejects bytes left over at the end of a section', () => {
    expectValidationError(
      () => validateModule(wasmModule(section(1, [0x00, 0x00]))),
      11,
      'section size mismatch: unexpected data at the end of the section',
    );
  });
  it('rejects an item that runs past the end of its section', () => {
    expectValidationError(() => validateModule(wasmModule(section(1, [0x01, 0x60, 0x01]))), 13, 'unexpected end-of-file');
  });
  it('places the data count section between element and code', () => {
    const dataCount = section(12, [0x00]);
    const element = section(9, [0x00]);
    expect(() => validateModule(wasmModule(TYPE_VOID, FUNC_ONE, element, dataCount, CODE_ONE))).not.to.throw();
    expectValidationError(() => validateModule(wasmModule(TYPE_VOID, FUNC_ONE, dataCount, element, CODE_ONE)), 21, 'section out of order');
  });
  it('places the tag section between memory and global', () => {
    const features = withFeatures(WASM2_FEATURES, { exceptions: true });
    const memory = section(5, vec([[0x00, 0x01]]));
    const tag = section(13, vec([[0x00, 0x00]]));
    const global = section(6, vec([[0x7f, 0x00, 0x41, 0x00, 0x0b]]));
    expect(() => validateModule(wasmModule(TYPE_VOID, memory, tag, global), features)).not.to.throw();
    expectValidationError(() => validateModule(wasmModule(TYPE_VOID, memory, global, tag), features), 27, 'section out of order');
  });
  it('rejects the tag section when exceptions are disabled', () => {
    expectValidationError(() => validateModule(wasmModule(TYPE_VOID, section(13, vec([[0x00, 0x00]])))), 16, 'exceptions proposal not enabled');
  });
  it('accepts custom sections anywhere, even between ordered sections', () => {
    const custom = section(0, [...name('x'), 0x01, 0x02]);
    expect(() => validateModule(wasmModule(custom, TYPE_VOID, custom, FUNC_ONE, custom, CODE_ONE, custom))).not.to.throw();
  });
  it('rejects a custom section whose name is not UTF-8', () => {
    expectValidationError(() => validateModule(wasmModule(section(0, [0x02, 0xff, 0xfe]))), 11, 'malformed UTF-8 encoding');
  });
});
