import { expect } from 'chai';
import { Val, f32FromBits, f32ToBits, f64FromBits, f64ToBits } from '../../src/index.js';

describe('Val', () => {
  it('normalizes integers and rounds f32', () => {
    expect(Val.i32(0xffffffff)).to.deep.equal({ kind: 'i32', value: -1 });
    expect(Val.i64(1n << 64n)).to.deep.equal({ kind: 'i64', value: 0n });
    expect(Val.f32(0.1).value).to.equal(Math.fround(0.1));
  });

  it('keeps float bit patterns given as bits', () => {
    expect(Val.f32Bits(-1)).to.deep.include({ kind: 'f32', bits: 0xffffffff });
    expect(Val.f64Bits(-1n)).to.deep.include({ kind: 'f64', bits: 0xffffffffffffffffn });
    expect(Val.f32Bits(0x3fc00000).value).to.equal(1.5);
  });

  it('refuses a v128 of another length', () => {
    expect(() => Val.v128(new Uint8Array(15))).to.throw(RangeError, 'expected 16 bytes for a v128, found 15');
  });
});

describe('float bits', () => {
  it('round-trip ordinary values', () => {
    expect(f32FromBits(f32ToBits(-2.5))).to.equal(-2.5);
    expect(f64FromBits(f64ToBits(Math.PI))).to.equal(Math.PI);
    expect(f64ToBits(-0)).to.equal(0x8000000000000000n);
  });
});
