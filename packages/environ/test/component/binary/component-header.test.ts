import { expect } from 'chai';
import { validateComponent } from '../../../src/index.js';
import { expectValidationError } from '../../expect-invalid.js';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

describe('readComponentHeader', () => {
  it('accepts an empty component of version 0x0d, layer 1', () => {
    expect(() => validateComponent(Uint8Array.of(...MAGIC, 0x0d, 0x00, 0x01, 0x00))).not.to.throw();
  });

  it('says a core module (layer 0) is not a component, at the version field', () => {
    expectValidationError(() => validateComponent(Uint8Array.of(...MAGIC, 0x01, 0x00, 0x00, 0x00)), 4, 'expected a version header for a component, found a core module (layer 0, version 1)');
  });

  it('rejects another component version at the version field', () => {
    expectValidationError(() => validateComponent(Uint8Array.of(...MAGIC, 0x0c, 0x00, 0x01, 0x00)), 4, 'unknown binary version: 0xc, expected component version 0xd');
  });

  it('rejects a bad magic at offset 0', () => {
    expectValidationError(() => validateComponent(Uint8Array.of(0x00, 0x61, 0x73, 0x6e, 0x0d, 0x00, 0x01, 0x00)), 0, 'magic header not detected: bad magic number');
  });

  it('rejects a truncated preamble at its end', () => {
    expectValidationError(() => validateComponent(Uint8Array.of(...MAGIC, 0x0d, 0x00)), 4, 'unexpected end-of-file, expected 2 more bytes');
  });
});
