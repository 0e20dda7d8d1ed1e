import { expect } from 'chai';
import { BinaryReader, ValidationError } from '../src/index.js';

describe('BinaryReader.readVarU32', () => {
  it('reads a one-byte value', () => {
    expect(new BinaryReader(Uint8Array.of(0x2a)).readVarU32()).to.equal(42);
  });
  it('reads the largest u32', () => {
    expect(new BinaryReader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f)).readVarU32()).to.equal(0xffffffff);
  });
  it('rejects bits beyond 32 in the fifth byte, at that byte', () => {
    const reader = new BinaryReader(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x10));
    expect(() => reader.readVarU32()).to.throw(ValidationError, 'integer too large').with.property('offset', 4);
  });
  it('rejects a sixth byte as too long', () => {
    const reader = new BinaryReader(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
    expect(() => reader.readVarU32()).to.throw(ValidationError, 'representation too long').with.property('offset', 4);
  });
  it('reports the end of input at the base offset', () => {
    const reader = new BinaryReader(Uint8Array.of(0x80), 0, 1, 100);
    expect(() => reader.readVarU32()).to.throw(ValidationError, 'unexpected end-of-file').with.property('offset', 101);
  });
});

describe('BinaryReader.readVarS32', () => {
  it('reads -1 and the extremes', () => {
    expect(new BinaryReader(Uint8Array.of(0x7f)).readVarS32()).to.equal(-1);
    expect(new BinaryReader(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x78)).readVarS32()).to.equal(-0x80000000);
    expect(new BinaryReader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x07)).readVarS32()).to.equal(0x7fffffff);
  });
  it('rejects unused bits that do not repeat the sign', () => {
    const reader = new BinaryReader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x4f));
    expect(() => reader.readVarS32()).to.throw(ValidationError, 'integer too large').with.property('offset', 4);
  });
});

describe('BinaryReader.readVarS64', () => {
  it('reads the extremes', () => {
    const min = Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f);
    expect(new BinaryReader(min).readVarS64()).to.equal(-(2n ** 63n));
    const max = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00);
    expect(new BinaryReader(max).readVarS64()).to.equal(2n ** 63n - 1n);
  });
  it('rejects a tenth byte whose unused bits do not repeat the sign', () => {
    const bad = Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x70);
    expect(() => new BinaryReader(bad).readVarS64()).to.throw(ValidationError).with.property('offset', 9);
  });
});

describe('BinaryReader.readVarS33', () => {
  it('reads a negative block type code and a large type index', () => {
    expect(new BinaryReader(Uint8Array.of(0x40)).readVarS33()).to.equal(-64);
    expect(new BinaryReader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f)).readVarS33()).to.equal(0xffffffff);
  });
});

describe('BinaryReader.readName', () => {
  it('decodes UTF-8', () => {
    expect(new BinaryReader(Uint8Array.of(2, 0xc3, 0xa9)).readName()).to.equal('\u00e9'.padEnd(1));
  });
  it('rejects malformed UTF-8 at the start of the name bytes', () => {
    const reader = new BinaryReader(Uint8Array.of(2, 0xc3, 0x28));
    expect(() => reader.readName()).to.throw(ValidationError, 'malformed UTF-8 encoding').with.property('offset', 1);
  });
});
