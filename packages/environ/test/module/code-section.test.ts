import { expect } from 'chai';
import { translateModule, validateModule } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { CODE_ONE, FUNC_ONE, TYPE_VOID, section, vec, wasmModule } from '../wasm-builder.js';

describe('readCodeSection', () => {
  it('records each body as a range of the binary', () => {
    const bytes = wasmModule(TYPE_VOID, section(3, vec([[0x00], [0x00]])), section(10, vec([[0x02, 0x00, 0x0b], [0x03, 0x00, 0x01, 0x0b]])));
    const translation = translateModule(bytes);
    expect(translation.functionBodies.values()).to.deep.equal([
      { offset: 23, length: 2 },
      { offset: 26, length: 3 },
    ]);
    expect(translation.wasm[26 + 2]).to.equal(0x0b);
  });
  it('rejects a function section without a code section, at the end', () => {
    expectValidationError(() => validateModule(wasmModule(TYPE_VOID, FUNC_ONE)), 18, 'function and code section have inconsistent lengths');
  });
  it('rejects a code section whose count differs, at the count', () => {
    const code = section(10, vec([[0x02, 0x00, 0x0b], [0x02, 0x00, 0x0b]]));
    expectValidationError(() => validateModule(wasmModule(TYPE_VOID, FUNC_ONE, code)), 20, 'function and code section have inconsistent lengths');
    expectValidationError(() => validateModule(wasmModule(TYPE_VOID, CODE_ONE)), 16, 'function and code section have inconsistent lengths');
  });
  it('accepts an empty code section without a function section', () => {
    expect(() => validateModule(wasmModule(section(10, [0x00])))).not.to.throw();
  });
  it('rejects a body that runs past its section', () => {
    expectValidationError(() => validateModule(wasmModule(TYPE_VOID, FUNC_ONE, section(10, [0x01, 0x05, 0x00, 0x0b]))), 22, 'unexpected end-of-file, expected 3 more bytes');
  });
  it('validates bodies after every section, with the body validator', () => {
    expectValidationError(
      () => validateModule(wasmModule(TYPE_VOID, FUNC_ONE, section(10, vec([[0x02, 0x00, 0x01]])))),
      24,
      'control frames remain at end of function: END opcode expected',
    );
  });
});
