import { expect } from 'chai';

import { tokenize } from '../../src/wast/lexer.js';
import type { SExpr } from '../../src/wast/sexpr.js';
import { readSExprs } from '../../src/wast/sexpr.js';
import { lanesOfV128, readWastExpected, readWastValue, v128FromLanes } from '../../src/wast/wast-value.js';
import { WastSyntaxError } from '../../src/wast/wast-syntax-error.js';

function node(text: string): SExpr {
  const [first] = readSExprs(tokenize(text));
  if (first === undefined) throw new Error('no node');
  return first;
}

describe('readWastValue', () => {
  it('reads integers as two’s complement: i32 as a signed number, i64 as a signed BigInt', () => {
    expect(readWastValue(node('(i32.const 0xffffffff)'))).to.deep.equal({ kind: 'i32', value: -1 });
    expect(readWastValue(node('(i32.const -0x80000000)'))).to.deep.equal({ kind: 'i32', value: -2147483648 });
    expect(readWastValue(node('(i64.const 0xffffffffffffffff)'))).to.deep.equal({ kind: 'i64', value: -1n });
  });

  it('reads floats as their bits, NaN payloads included', () => {
    expect(readWastValue(node('(f32.const -nan:0x200000)'))).to.deep.equal({ kind: 'f32', bits: 0xffa00000 });
    expect(readWastValue(node('(f64.const -0x1p-1074)'))).to.deep.equal({ kind: 'f64', bits: 0x8000000000000001n });
  });

  it('reads v128 lanes of every shape into little-endian bytes', () => {
    const i8 = readWastValue(node('(v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1)'));
    expect(i8.kind === 'v128' && [...i8.bytes]).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255]);
    const i16 = readWastValue(node('(v128.const i16x8 0x0102 0 0 0 0 0 0 -1)'));
    expect(i16.kind === 'v128' && [...i16.bytes.subarray(0, 2)]).to.deep.equal([2, 1]);
    const f32 = readWastValue(node('(v128.const f32x4 1 -0 nan inf)'));
    expect(f32.kind === 'v128' && lanesOfV128(f32.bytes, 32)).to.deep.equal([0x3f800000n, 0x80000000n, 0x7fc00000n, 0x7f800000n]);
    const f64 = readWastValue(node('(v128.const f64x2 1 -1)'));
    expect(f64.kind === 'v128' && lanesOfV128(f64.bytes, 64)).to.deep.equal([0x3ff0000000000000n, 0xbff0000000000000n]);
  });

  it('reads references', () => {
    expect(readWastValue(node('(ref.null func)'))).to.deep.equal({ kind: 'ref.null', heap: 'func' });
    expect(readWastValue(node('(ref.null extern)'))).to.deep.equal({ kind: 'ref.null', heap: 'extern' });
    expect(readWastValue(node('(ref.extern 7)'))).to.deep.equal({ kind: 'ref', heap: 'extern', host: 7 });
    expect(readWastValue(node('(ref.host 1)'))).to.deep.equal({ kind: 'ref', heap: 'any', host: 1 });
  });

  it('rejects a wrong lane count, a bad literal and an unknown form, where they are', () => {
    expect(() => readWastValue(node('(v128.const i32x4 1 2 3)'))).to.throw(WastSyntaxError, /expected 4 lanes for i32x4, found 3/);
    expect(() => readWastValue(node('(i32.const 0x1_0000_0000)'))).to.throw(WastSyntaxError, /out-of-range i32 literal/).with.property('column', 12);
    expect(() => readWastValue(node('(f32.const nan:canonical)'))).to.throw(WastSyntaxError, /malformed f32 literal/);
    expect(() => readWastValue(node('(ref.func)'))).to.throw(WastSyntaxError, /expected a value/);
  });
});

describe('readWastExpected', () => {
  it('reads NaN patterns of scalars', () => {
    expect(readWastExpected(node('(f32.const nan:canonical)'))).to.deep.equal({ kind: 'nan', type: 'f32', nan: 'canonical' });
    expect(readWastExpected(node('(f64.const nan:arithmetic)'))).to.deep.equal({ kind: 'nan', type: 'f64', nan: 'arithmetic' });
  });

  it('reads exact floats as values', () => {
    expect(readWastExpected(node('(f32.const nan:0x1)'))).to.deep.equal({ kind: 'value', value: { kind: 'f32', bits: 0x7f800001 } });
  });

  it('reads per-lane NaN patterns of a v128', () => {
    expect(readWastExpected(node('(v128.const f32x4 nan:canonical 1 nan:arithmetic -0)'))).to.deep.equal({
      kind: 'v128',
      shape: 'f32x4',
      lanes: [
        { kind: 'nan', nan: 'canonical' },
        { kind: 'bits', bits: 0x3f800000n },
        { kind: 'nan', nan: 'arithmetic' },
        { kind: 'bits', bits: 0x80000000n },
      ],
    });
  });

  it('reads integer v128 lanes as unsigned bits', () => {
    expect(readWastExpected(node('(v128.const i16x8 -1 0 0 0 0 0 0 1)'))).to.deep.include({ shape: 'i16x8' });
    const expected = readWastExpected(node('(v128.const i16x8 -1 0 0 0 0 0 0 1)'));
    expect(expected.kind === 'v128' && expected.lanes[0]).to.deep.equal({ kind: 'bits', bits: 0xffffn });
  });

  it('reads any-reference patterns and either', () => {
    expect(readWastExpected(node('(ref.func)'))).to.deep.equal({ kind: 'ref', heap: 'func' });
    expect(readWastExpected(node('(ref.extern)'))).to.deep.equal({ kind: 'ref', heap: 'extern' });
    expect(readWastExpected(node('(ref.extern 3)'))).to.deep.equal({ kind: 'value', value: { kind: 'ref', heap: 'extern', host: 3 } });
    expect(readWastExpected(node('(either (i32.const 1) (i32.const 2))'))).to.deep.equal({
      kind: 'either',
      options: [
        { kind: 'value', value: { kind: 'i32', value: 1 } },
        { kind: 'value', value: { kind: 'i32', value: 2 } },
      ],
    });
  });
});

describe('v128FromLanes', () => {
  it('is the inverse of lanesOfV128', () => {
    const lanes = [0x0123456789abcdefn, 0xfedcba9876543210n];
    expect(lanesOfV128(v128FromLanes(lanes, 64), 64)).to.deep.equal(lanes);
  });
});
