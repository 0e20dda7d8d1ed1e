import { expect } from 'chai';

import { describeComponentValue, matchComponentValue } from '../../src/runner/match-component-value.js';
import type { ComponentValue } from '../../src/wast/component-value.js';

const u32 = (value: number): ComponentValue => ({ kind: 'u32', value });

describe('matchComponentValue', () => {
  it('matches equal values and names the kinds of unequal ones', () => {
    expect(matchComponentValue(u32(1), u32(1))).to.equal(null);
    expect(matchComponentValue(u32(1), u32(2))).to.equal('expected (u32.const 1), got (u32.const 2)');
    expect(matchComponentValue(u32(1), { kind: 's32', value: 1 })).to.equal('expected (u32.const 1), got (s32.const 1)');
  });

  it('compares floats by bits, except that an expected NaN accepts any NaN', () => {
    expect(matchComponentValue({ kind: 'f32', bits: 0x80000000 }, { kind: 'f32', bits: 0 })).to.not.equal(null);
    expect(matchComponentValue({ kind: 'f32', bits: 0x7fc00001 }, { kind: 'f32', bits: 0xffc00000 })).to.equal(null);
    expect(matchComponentValue({ kind: 'f64', bits: 0x7ff8000000000000n }, { kind: 'f64', bits: 0x7ff0000000000000n })).to.not.equal(null);
    expect(matchComponentValue({ kind: 'f64', bits: 0x7ff0000000000001n }, { kind: 'f64', bits: 0x7ff8000000000000n })).to.equal(null);
  });

  it('compares lists, records and variants part by part and says where they differ', () => {
    const list = (...values: number[]): ComponentValue => ({ kind: 'list', elements: values.map(u32) });
    expect(matchComponentValue(list(1, 2), list(1, 2))).to.equal(null);
    expect(matchComponentValue(list(1, 2), list(1))).to.equal('expected 2 list elements, got 1');
    expect(matchComponentValue(list(1, 2), list(1, 3))).to.equal('list element 1: expected (u32.const 2), got (u32.const 3)');
    const record = (name: string, value: number): ComponentValue => ({ kind: 'record', fields: [{ name, value: u32(value) }] });
    expect(matchComponentValue(record('a', 1), record('b', 1))).to.equal('expected field `a`, got `b`');
    expect(matchComponentValue(record('a', 1), record('a', 2))).to.match(/^field `a`: /);
    const variant = (c: string, payload: ComponentValue | null): ComponentValue => ({ kind: 'variant', case: c, payload });
    expect(matchComponentValue(variant('x', null), variant('y', null))).to.equal('expected case `x`, got `y`');
    expect(matchComponentValue(variant('x', u32(1)), variant('x', null))).to.equal('expected a payload for case `x`');
    expect(matchComponentValue(variant('x', null), variant('x', u32(1)))).to.equal('unexpected payload for case `x`');
  });

  it('compares options and results by case and payload, and flags as sets', () => {
    expect(matchComponentValue({ kind: 'option', value: null }, { kind: 'option', value: u32(1) })).to.not.equal(null);
    expect(matchComponentValue({ kind: 'option', value: u32(1) }, { kind: 'option', value: u32(1) })).to.equal(null);
    expect(matchComponentValue({ kind: 'result', ok: true, payload: null }, { kind: 'result', ok: false, payload: null })).to.not.equal(null);
    expect(matchComponentValue({ kind: 'flags', names: ['b', 'a'] }, { kind: 'flags', names: ['a', 'b'] })).to.equal(null);
    expect(matchComponentValue({ kind: 'flags', names: ['a'] }, { kind: 'flags', names: ['a', 'b'] })).to.not.equal(null);
  });
});

describe('describeComponentValue', () => {
  it('writes values in the script syntax', () => {
    const value: ComponentValue = {
      kind: 'record',
      fields: [
        { name: 'a', value: { kind: 'option', value: { kind: 'string', value: 'x' } } },
        { name: 'b', value: { kind: 'result', ok: false, payload: null } },
      ],
    };
    expect(describeComponentValue(value)).to.equal('(record.const (field "a" option.some (str.const "x")) (field "b" result.err))');
    expect(describeComponentValue({ kind: 'f32', bits: 0x3f800000 })).to.equal('(f32.const 0x3f800000)');
  });
});
