import { expect } from 'chai';
import fc from 'fast-check';

import { F32_FORMAT, F64_FORMAT, parseFloatLiteral, roundRational } from '../../src/wast/float-literal.js';

function f32(text: string): string {
  const result = parseFloatLiteral(text, F32_FORMAT);
  if (!result.ok) return result.problem;
  return `0x${result.bits.toString(16).padStart(8, '0')}`;
}

function f64(text: string): string {
  const result = parseFloatLiteral(text, F64_FORMAT);
  if (!result.ok) return result.problem;
  return `0x${result.bits.toString(16).padStart(16, '0')}`;
}

function f64BitsOf(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return `0x${view.getBigUint64(0).toString(16).padStart(16, '0')}`;
}

describe('parseFloatLiteral', () => {
  it('reads simple decimals and signed zeros', () => {
    expect(f32('1')).to.equal('0x3f800000');
    expect(f32('-0')).to.equal('0x80000000');
    expect(f32('+0.0')).to.equal('0x00000000');
    expect(f64('1.5')).to.equal('0x3ff8000000000000');
    expect(f64('-0.0')).to.equal('0x8000000000000000');
  });

  it('rounds an f32 decimal once, where Math.fround of the f64 would round twice', () => {
    // Just above the tie between 1 and 1 + 2^-23: the nearest f64 is the tie itself, which
    // rounds to even (1.0); the exact value rounds up.
    const text = '1.00000005960464477539062500000000001';
    expect(Math.fround(Number(text))).to.equal(1);
    expect(f32(text)).to.equal('0x3f800001');
    // The tie itself goes to even; just below it goes down.
    expect(f32('1.000000059604644775390625')).to.equal('0x3f800000');
    expect(f32('1.00000005960464477539062499999')).to.equal('0x3f800000');
    // The tie above an odd significand goes up to even.
    expect(f32('1.000000178813934326171875')).to.equal('0x3f800002');
  });

  it('reads f32 subnormals, the smallest one and halfway below it', () => {
    expect(f32('1.401298464324817e-45')).to.equal('0x00000001');
    expect(f32('0x1p-149')).to.equal('0x00000001');
    expect(f32('0x1p-150')).to.equal('0x00000000'); // tie with zero: even
    expect(f32('0x1.000001p-150')).to.equal('0x00000001');
    expect(f32('0x1.fffffcp-127')).to.equal('0x007fffff');
    expect(f32('1.1754942e-38')).to.equal('0x007fffff');
  });

  it('reads hex floats with and without fraction and exponent', () => {
    expect(f32('0x1p127')).to.equal('0x7f000000');
    expect(f32('0x1.fffffep127')).to.equal('0x7f7fffff');
    expect(f32('-0x1.8p+1')).to.equal('0xc0400000');
    expect(f32('0x10')).to.equal('0x41800000');
    expect(f32('0x1.')).to.equal('0x3f800000');
    expect(f64('0x1.fffffffffffffp1023')).to.equal('0x7fefffffffffffff');
    expect(f64('0x0.0000000000001p-1022')).to.equal('0x0000000000000001');
    // 0x1.000001p0 lies exactly halfway between two f32s and goes to even.
    expect(f32('0x1.000001p0')).to.equal('0x3f800000');
    expect(f32('0x1.000003p0')).to.equal('0x3f800002');
  });

  it('accepts _ between digits', () => {
    expect(f32('1_000.0')).to.equal(f32('1000'));
    expect(f64('0x1_0.0_8p0_1')).to.equal(f64('0x10.08p1'));
  });

  it('rejects a finite value that rounds to infinity as out of range', () => {
    expect(f32('0x1p128')).to.equal('out of range');
    expect(f32('0x1.ffffffp127')).to.equal('out of range');
    expect(f32('0x1.fffffefffffffp127')).to.equal('0x7f7fffff');
    expect(f32('1e39')).to.equal('out of range');
    expect(f64('1e309')).to.equal('out of range');
    expect(f64('1e1000000000')).to.equal('out of range');
  });

  it('rounds a tiny value to zero without building a huge number', () => {
    expect(f64('1e-1000000000')).to.equal('0x0000000000000000');
    expect(f32('-1e-50')).to.equal('0x80000000');
  });

  it('reads infinities and NaNs with payloads and signs', () => {
    expect(f32('inf')).to.equal('0x7f800000');
    expect(f32('-inf')).to.equal('0xff800000');
    expect(f32('nan')).to.equal('0x7fc00000');
    expect(f32('-nan')).to.equal('0xffc00000');
    expect(f32('nan:0x200000')).to.equal('0x7fa00000');
    expect(f32('-nan:0x7fffff')).to.equal('0xffffffff');
    expect(f32('nan:0x1')).to.equal('0x7f800001');
    expect(f64('nan:0x4000000000000')).to.equal('0x7ff4000000000000');
    expect(f64('+nan')).to.equal('0x7ff8000000000000');
  });

  it('rejects NaN payloads of zero or wider than the significand', () => {
    expect(f32('nan:0x0')).to.equal('out of range');
    expect(f32('nan:0x800000')).to.equal('out of range');
  });

  it('rejects malformed text', () => {
    for (const text of ['', '.5', '1e', '0x', '1__0', '_1', '1_', 'nan:0x', 'nan:12', 'infinity', '0xg', '1.0.0', '--1']) {
      expect(f32(text), text).to.equal('malformed');
    }
  });

  it('agrees with the host float parser on f64 decimals', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        for (const text of [String(x), x.toExponential(20), x.toPrecision(17)]) {
          if (f64(text) !== f64BitsOf(Number(text))) return false;
        }
        return true;
      }),
    );
  });

  it('reads back every f32 printed with enough digits', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const view = new DataView(new ArrayBuffer(4));
        view.setFloat32(0, x);
        // 9 significant digits identify an f32 uniquely; toPrecision drops the sign of -0.
        const text = Object.is(x, -0) ? '-0' : x.toPrecision(9);
        return f32(text) === `0x${view.getUint32(0).toString(16).padStart(8, '0')}`;
      }),
    );
  });
});

describe('roundRational', () => {
  it('rounds a fraction to nearest, ties to even', () => {
    expect(roundRational(1n, 3n, F32_FORMAT)).to.equal(0x3eaaaaabn);
    expect(roundRational(0n, 1n, F64_FORMAT)).to.equal(0n);
    expect(roundRational(1n, 1n << 2000n, F64_FORMAT)).to.equal(0n);
  });

  it('returns null when the value rounds to infinity', () => {
    expect(roundRational(1n << 128n, 1n, F32_FORMAT)).to.equal(null);
  });
});
