import { expect } from 'chai';

import { describeExpected, describeValue, matchesExpected, matchesNan } from '../../src/runner/match-result.js';
import type { WastExpected, WastValue } from '../../src/wast/wast-value.js';
import { v128FromLanes } from '../../src/wast/wast-value.js';

const F32 = { mantissaBits: 23, exponentBits: 8 };

function f32(bits: number): WastValue {
  return { kind: 'f32', bits };
}

describe('matchesNan', () => {
  it('accepts only the canonical payload for nan:canonical, of either sign', () => {
    expect(matchesNan(0x7fc00000n, F32, 'canonical')).to.equal(true);
    expect(matchesNan(0xffc00000n, F32, 'canonical')).to.equal(true);
    expect(matchesNan(0x7fc00001n, F32, 'canonical')).to.equal(false);
    expect(matchesNan(0x7f800000n, F32, 'canonical')).to.equal(false);
  });

  it('accepts any quiet NaN for nan:arithmetic, but no signalling one', () => {
    expect(matchesNan(0x7fc00001n, F32, 'arithmetic')).to.equal(true);
    expect(matchesNan(0xffffffffn, F32, 'arithmetic')).to.equal(true);
    expect(matchesNan(0x7fa00000n, F32, 'arithmetic')).to.equal(false);
    expect(matchesNan(0x3fc00000n, F32, 'arithmetic')).to.equal(false);
  });
});

describe('matchesExpected', () => {
  it('compares floats by bits, so -0 is not 0 and a NaN payload must match', () => {
    const value = (v: WastValue): WastExpected => ({ kind: 'value', value: v });
    expect(matchesExpected(f32(0x80000000), value(f32(0)))).to.equal(false);
    expect(matchesExpected(f32(0x7fa00000), value(f32(0x7fa00000)))).to.equal(true);
    expect(matchesExpected(f32(0x7fc00000), value(f32(0x7fa00000)))).to.equal(false);
  });

  it('does not take an f64 NaN for an f32 pattern', () => {
    expect(matchesExpected({ kind: 'f64', bits: 0x7ff8000000000000n }, { kind: 'nan', type: 'f32', nan: 'canonical' })).to.equal(false);
  });

  it('compares integers exactly and by type', () => {
    expect(matchesExpected({ kind: 'i32', value: -1 }, { kind: 'value', value: { kind: 'i32', value: -1 } })).to.equal(true);
    expect(matchesExpected({ kind: 'i64', value: -1n }, { kind: 'value', value: { kind: 'i32', value: -1 } })).to.equal(false);
  });

  it('matches v128 lane by lane in the expected shape', () => {
    const actual: WastValue = { kind: 'v128', bytes: v128FromLanes([0x7fc00000n, 0x3f800000n, 0xffc00001n, 0n], 32) };
    const expected: WastExpected = {
      kind: 'v128',
      shape: 'f32x4',
      lanes: [
        { kind: 'nan', nan: 'canonical' },
        { kind: 'bits', bits: 0x3f800000n },
        { kind: 'nan', nan: 'arithmetic' },
        { kind: 'bits', bits: 0n },
      ],
    };
    expect(matchesExpected(actual, expected)).to.equal(true);
    const wrongLane: WastExpected = { ...expected, lanes: [...expected.lanes.slice(0, 3), { kind: 'bits', bits: 1n }] };
    expect(matchesExpected(actual, wrongLane)).to.equal(false);
    expect(matchesExpected(actual, { kind: 'v128', shape: 'i64x2', lanes: [{ kind: 'bits', bits: 0x3f8000007fc00000n }, { kind: 'bits', bits: 0xffc00001n }] })).to.equal(true);
  });

  it('matches nulls within a type hierarchy and host references by number', () => {
    const nullFunc: WastValue = { kind: 'ref.null', heap: 'func' };
    expect(matchesExpected(nullFunc, { kind: 'value', value: { kind: 'ref.null', heap: 'nofunc' } })).to.equal(true);
    expect(matchesExpected(nullFunc, { kind: 'value', value: { kind: 'ref.null', heap: 'extern' } })).to.equal(false);
    const host: WastValue = { kind: 'ref', heap: 'extern', host: 2 };
    expect(matchesExpected(host, { kind: 'value', value: { kind: 'ref', heap: 'extern', host: 2 } })).to.equal(true);
    expect(matchesExpected(host, { kind: 'value', value: { kind: 'ref', heap: 'extern', host: 3 } })).to.equal(false);
    expect(matchesExpected(host, { kind: 'ref', heap: 'extern' })).to.equal(true);
    expect(matchesExpected(nullFunc, { kind: 'ref', heap: 'func' })).to.equal(false);
  });

  it('accepts any option of either', () => {
    const either: WastExpected = {
      kind: 'either',
      options: [
        { kind: 'value', value: { kind: 'i32', value: 1 } },
        { kind: 'value', value: { kind: 'i32', value: 2 } },
      ],
    };
    expect(matchesExpected({ kind: 'i32', value: 2 }, either)).to.equal(true);
    expect(matchesExpected({ kind: 'i32', value: 3 }, either)).to.equal(false);
  });
});

describe('describeValue and describeExpected', () => {
  it('print values and patterns for failure messages', () => {
    expect(describeValue(f32(0x7fc00000))).to.equal('f32:0x7fc00000');
    expect(describeValue({ kind: 'ref', heap: 'extern', host: 1 })).to.equal('ref.extern 1');
    expect(describeExpected({ kind: 'nan', type: 'f64', nan: 'arithmetic' })).to.equal('f64:nan:arithmetic');
  });
});
