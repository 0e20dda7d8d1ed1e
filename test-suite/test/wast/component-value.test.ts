import { expect } from 'chai';

import { readComponentValue } from '../../src/wast/component-value.js';
import { tokenize } from '../../src/wast/lexer.js';
import type { SExpr } from '../../src/wast/sexpr.js';
import { readSExprs } from '../../src/wast/sexpr.js';
import { WastSyntaxError } from '../../src/wast/wast-syntax-error.js';

function read(text: string): ReturnType<typeof readComponentValue> {
  const [first]: SExpr[] = readSExprs(tokenize(text));
  if (first === undefined) throw new Error('no node');
  return readComponentValue(first);
}

describe('readComponentValue', () => {
  it('reads integers in the range of their own type only', () => {
    expect(read('(u8.const 255)')).to.deep.equal({ kind: 'u8', value: 255 });
    expect(read('(s8.const -128)')).to.deep.equal({ kind: 's8', value: -128 });
    expect(read('(u32.const 0xffff_ffff)')).to.deep.equal({ kind: 'u32', value: 0xffffffff });
    expect(read('(s64.const -9223372036854775808)')).to.deep.equal({ kind: 's64', value: -(1n << 63n) });
    expect(read('(u64.const 18446744073709551615)')).to.deep.equal({ kind: 'u64', value: (1n << 64n) - 1n });
    expect(() => read('(u8.const -1)')).to.throw(WastSyntaxError, /out-of-range u8/);
    expect(() => read('(s8.const 255)')).to.throw(WastSyntaxError, /out-of-range s8/);
    expect(() => read('(u64.const 0x1_0000_0000_0000_0000)')).to.throw(WastSyntaxError, /out-of-range u64/);
  });

  it('reads floats as bits, NaN payloads included, and bools, chars and strings', () => {
    expect(read('(f32.const -nan:0x1)')).to.deep.equal({ kind: 'f32', bits: 0xff800001 });
    expect(read('(f64.const 0.5)')).to.deep.equal({ kind: 'f64', bits: 0x3fe0000000000000n });
    expect(read('(bool.const true)')).to.deep.equal({ kind: 'bool', value: true });
    expect(read('(char.const "\\u{1f600}")')).to.deep.equal({ kind: 'char', value: '\u{1f600}' });
    expect(read('(str.const "a\\u{e9}\\00")')).to.deep.equal({ kind: 'string', value: 'a\u00e9\u0000' });
  });

  it('rejects a char of other than one scalar value and a string that is not UTF-8', () => {
    expect(() => read('(char.const "ab")')).to.throw(WastSyntaxError, /one character/);
    expect(() => read('(char.const "")')).to.throw(WastSyntaxError, /one character/);
    expect(() => read('(str.const "\\ff")')).to.throw(WastSyntaxError, /not valid UTF-8/);
    expect(() => read('(bool.const 1)')).to.throw(WastSyntaxError, /true.*false/);
  });

  it('reads list and tuple elements and payloads in parentheses, record field values inline', () => {
    expect(read('(list.const (u8.const 1) (u8.const 2))')).to.deep.equal({ kind: 'list', elements: [{ kind: 'u8', value: 1 }, { kind: 'u8', value: 2 }] });
    expect(read('(tuple.const)')).to.deep.equal({ kind: 'tuple', elements: [] });
    expect(read('(record.const (field "a-b" str.const "x") (field "n" list.const (u32.const 1)))')).to.deep.equal({
      kind: 'record',
      fields: [
        { name: 'a-b', value: { kind: 'string', value: 'x' } },
        { name: 'n', value: { kind: 'list', elements: [{ kind: 'u32', value: 1 }] } },
      ],
    });
    expect(read('(variant.const "some" (u32.const 3))')).to.deep.equal({ kind: 'variant', case: 'some', payload: { kind: 'u32', value: 3 } });
    expect(read('(variant.const "none")')).to.deep.equal({ kind: 'variant', case: 'none', payload: null });
  });

  it('reads an inline variant payload, as older scripts write it', () => {
    expect(read('(variant.const "b" f32.const 1)')).to.deep.equal({ kind: 'variant', case: 'b', payload: { kind: 'f32', bits: 0x3f800000 } });
  });

  it('reads enums, options, results and flags', () => {
    expect(read('(enum.const "red")')).to.deep.equal({ kind: 'enum', case: 'red' });
    expect(read('(option.none)')).to.deep.equal({ kind: 'option', value: null });
    expect(read('(option.some (option.none))')).to.deep.equal({ kind: 'option', value: { kind: 'option', value: null } });
    expect(read('(result.ok)')).to.deep.equal({ kind: 'result', ok: true, payload: null });
    expect(read('(result.err (str.const "e"))')).to.deep.equal({ kind: 'result', ok: false, payload: { kind: 'string', value: 'e' } });
    expect(read('(flags.const "a" "c")')).to.deep.equal({ kind: 'flags', names: ['a', 'c'] });
  });

  it('rejects core values, missing payloads and extra literals, naming the place', () => {
    expect(() => read('(i32.const 1)')).to.throw(WastSyntaxError, /expected a component value, found `i32.const`/);
    expect(() => read('(option.some)')).to.throw(WastSyntaxError, /payload of `option.some`/);
    expect(() => read('(u32.const 1 2)')).to.throw(WastSyntaxError, /unexpected `2` after `u32.const`/);
    expect(() => read('(option.none (u32.const 1))')).to.throw(WastSyntaxError).with.property('column', 14);
  });
});
