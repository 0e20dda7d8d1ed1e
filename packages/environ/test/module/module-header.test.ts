import { expect } from 'chai';
import { validateModule } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';

describe('readModuleHeader', () => {
  it('accepts the magic and version 1 alone', () => {
    expect(() => validateModule(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00))).not.to.throw();
  });
  it('rejects an empty input as an unexpected end at offset 0', () => {
    expectValidationError(() => validateModule(new Uint8Array(0)), 0, 'unexpected end-of-file, expected 4 more bytes');
  });
  it('rejects a wrong magic at offset 0', () => {
    expectValidationError(
      () => validateModule(Uint8Array.of(0x00, 0x41, 0x53, 0x4d, 0x01, 0x00, 0x00, 0x00)),
      0,
      'magic header not detected: bad magic number - expected=[0x0, 0x61, 0x73, 0x6d] actual=[0x0, 0x41, 0x53, 0x4d]',
    );
  });
  it('rejects a truncated version as an unexpected end at offset 4', () => {
    expectValidationError(() => validateModule(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01)), 4, 'unexpected end-of-file, expected 3 more bytes');
  });
  it('rejects another version, and a component, at offset 4', () => {
    expectValidationError(() => validateModule(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00)), 4, 'unknown binary version: 0x2');
    expectValidationError(() => validateModule(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00)), 4, 'unknown binary version: 0x1000d');
  });
});
