import { expect } from 'chai';
import fc from 'fast-check';
import type { ComponentValType } from '@tswasm/environ';
import type { StringEncoding } from '../../src/canonical/abi-options.js';
import { coreInstance, opts, resourceEnv, resourceId, throughCore, Types } from './canonical-fixtures.js';
import type { CoreExports } from './canonical-fixtures.js';

// Every value goes host -> lifted export (lower) -> core ABI -> lowered import (lift) -> host
// identity -> lowered import (lower) -> core ABI -> lifted export (lift) -> host.
function identity(t: Types, core: CoreExports, type: ComponentValType, encoding: StringEncoding = 'utf8'): (v: unknown) => unknown {
  const seen: unknown[] = [];
  const f = throughCore(t, t.func([type], type), core, (v: unknown) => {
    seen.push(v);
    return v;
  }, opts({ stringEncoding: encoding }));
  return (v: unknown) => f(v);
}

// String.prototype.toWellFormed, which TypeScript's ES2023 lib does not declare.
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const NULL_PROTO = (o: object): object => Object.assign(Object.create(null) as object, o);

describe('canonical trampolines: round trips through the core ABI', () => {
  let core: CoreExports;
  beforeEach(async () => {
    core = await coreInstance();
  });

  it('pass every primitive, at both ends of its range', () => {
    const t = new Types();
    const cases: [string, unknown[]][] = [
      ['bool', [true, false]],
      ['s8', [-128, 0, 127]],
      ['u8', [0, 255]],
      ['s16', [-32768, 32767]],
      ['u16', [0, 65535]],
      ['s32', [-2147483648, 2147483647]],
      ['u32', [0, 4294967295]],
      ['s64', [-(2n ** 63n), 0n, 2n ** 63n - 1n]],
      ['u64', [0n, 2n ** 64n - 1n]],
      ['f32', [1.5, -0, Infinity, -Infinity]],
      ['f64', [Math.PI, Number.MAX_VALUE, -Infinity]],
      ['char', ['a', '\u00e9', '\uffff', '\u{10ffff}', '\u{1f600}']],
    ];
    for (const [prim, values] of cases) {
      const f = identity(t, core, t.prim(prim as never));
      for (const v of values) expect(f(v), `${prim} ${String(v)}`).to.deep.equal(v);
    }
    const f32 = identity(t, core, t.prim('f32'));
    expect(f32(0.1)).to.equal(Math.fround(0.1));
    expect(Number.isNaN(f32(NaN))).to.equal(true);
    expect(Number.isNaN(identity(t, core, t.prim('f64'))(NaN))).to.equal(true);
  });

  it('converts host numbers as ToComponentValue does: truncation, ToBoolean, number for 64-bit', () => {
    const t = new Types();
    expect(identity(t, core, t.prim('u8'))(3.9)).to.equal(3);
    expect(identity(t, core, t.prim('s32'))('-7')).to.equal(-7);
    expect(identity(t, core, t.prim('bool'))('x')).to.equal(true);
    expect(identity(t, core, t.prim('bool'))(0)).to.equal(false);
    expect(identity(t, core, t.prim('u64'))(5)).to.equal(5n);
    expect(identity(t, core, t.prim('f64'))('2.5')).to.equal(2.5);
  });

  for (const encoding of ['utf8', 'utf16', 'latin1+utf16'] as const) {
    it(`passes strings in ${encoding}: empty, ASCII, Latin-1, BMP, non-BMP, long`, () => {
      const t = new Types();
      const f = identity(t, core, t.prim('string'), encoding);
      for (const s of ['', 'a', 'hello world', 'caf\u00e9 \u00ff', 'Gr\u00fc\u00dfe \u4e16\u754c', '\u{1f600} smile', 'x'.repeat(100_000), '\u00e9'.repeat(5000) + '\u4e16']) {
        expect(f(s)).to.equal(s);
      }
      // Lone surrogates become U+FFFD (USVString), and non-strings go through ToString.
      expect(f('a\ud800b')).to.equal('a\ufffdb');
      expect(f(42)).to.equal('42');
    });

    it(`round-trips arbitrary strings in ${encoding} (property)`, () => {
      const t = new Types();
      const f = identity(t, core, t.prim('string'), encoding);
      fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => f(s) === s), { numRuns: 200 });
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => f(s) === wellFormed(s)), { numRuns: 200 });
    });
  }

  it('stores latin1-only text one byte per character and other text as tagged utf16', () => {
    const t = new Types();
    const s = t.prim('string');
    const seen: [number, number][] = [];
    const f = throughCore(t, t.func([s], s), core, (v: unknown) => v, opts({ stringEncoding: 'latin1+utf16' }));
    const realloc = core.cabi_realloc;
    const spy = (a: number, b: number, c: number, d: number): number => {
      seen.push([c, d]);
      return realloc(a, b, c, d);
    };
    const g = throughCore(t, t.func([s], s), core, (v: unknown) => v, opts({ stringEncoding: 'latin1+utf16' }), { realloc: spy });
    expect(g('caf\u00e9')).to.equal('caf\u00e9');
    expect(seen[0]).to.deep.equal([2, 4]);
    expect(g('\u4e16!')).to.equal('\u4e16!');
    expect(seen[seen.length - 2]).to.deep.equal([2, 4]);
    expect(f('ok')).to.equal('ok');
  });

  it('passes lists of scalars as the matching typed arrays, and other iterables', () => {
    const t = new Types();
    const arrays = [
      ['u8', Uint8Array.of(0, 1, 255)],
      ['s8', Int8Array.of(-128, 127)],
      ['u16', Uint16Array.of(65535, 1)],
      ['s16', Int16Array.of(-32768)],
      ['u32', Uint32Array.of(4294967295, 0, 7)],
      ['s32', Int32Array.of(-1, 2)],
      ['u64', BigUint64Array.of(2n ** 64n - 1n)],
      ['s64', BigInt64Array.of(-(2n ** 63n))],
      ['f32', Float32Array.of(1.5, -2)],
      ['f64', Float64Array.of(Math.E)],
    ] as const;
    for (const [prim, array] of arrays) {
      const f = identity(t, core, t.listOf(t.prim(prim)));
      const out = f(array);
      expect(out).to.be.instanceOf(array.constructor);
      expect(out).to.deep.equal(array);
    }
    const u32s = identity(t, core, t.listOf(t.prim('u32')));
    expect(u32s([1, 2, 3])).to.deep.equal(Uint32Array.of(1, 2, 3));
    expect(u32s(new Set([9]))).to.deep.equal(Uint32Array.of(9));
    expect(u32s(new Uint32Array(0))).to.deep.equal(new Uint32Array(0));
    // A typed array viewing part of a buffer is copied from its own window.
    expect(u32s(new Uint32Array(Uint32Array.of(5, 6, 7, 8).buffer, 4, 2))).to.deep.equal(Uint32Array.of(6, 7));
  });

  it('passes lists of compound values as arrays', () => {
    const t = new Types();
    expect(identity(t, core, t.listOf(t.prim('bool')))([true, false, true])).to.deep.equal([true, false, true]);
    expect(identity(t, core, t.listOf(t.prim('char')))(['a', '\u{1f600}'])).to.deep.equal(['a', '\u{1f600}']);
    expect(identity(t, core, t.listOf(t.prim('string')))(['a', '', 'b\u00e9'])).to.deep.equal(['a', '', 'b\u00e9']);
    const nested = t.listOf(t.listOf(t.prim('u16')));
    expect(identity(t, core, nested)([Uint16Array.of(1), new Uint16Array(0), Uint16Array.of(2, 3)])).to.deep.equal([Uint16Array.of(1), new Uint16Array(0), Uint16Array.of(2, 3)]);
    const records = t.listOf(t.record({ 'first-name': t.prim('string'), age: t.prim('u8') }));
    expect(identity(t, core, records)([{ firstName: 'ada', age: 36 }])).to.deep.equal([NULL_PROTO({ firstName: 'ada', age: 36 })]);
  });

  it('passes fixed-length lists inline (flat and in memory) and checks their length', () => {
    const t = new Types();
    const flat = identity(t, core, t.listOf(t.prim('u32'), 3));
    expect(flat([1, 2, 3])).to.deep.equal(Uint32Array.of(1, 2, 3));
    expect(() => flat([1, 2])).to.throw(TypeError, 'expected 3 elements');
    const big = identity(t, core, t.listOf(t.prim('string'), 9));
    const words = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    expect(big(words)).to.deep.equal(words);
  });

  it('passes records as null-prototype objects with camelCase keys', () => {
    const t = new Types();
    const r = t.record({ 'inner-HTML': t.prim('string'), 'is-ok': t.prim('bool'), x: t.prim('f64'), 'maybe-n': t.option(t.prim('u32')) });
    const f = identity(t, core, r);
    const out = f({ innerHTML: '<b>', isOk: true, x: 1.25, maybeN: 5 }) as object;
    expect(Object.getPrototypeOf(out)).to.equal(null);
    expect(out).to.deep.equal(NULL_PROTO({ innerHTML: '<b>', isOk: true, x: 1.25, maybeN: 5 }));
    // An option field may be missing; any other field may not.
    expect(f({ innerHTML: '', isOk: false, x: 0 })).to.deep.equal(NULL_PROTO({ innerHTML: '', isOk: false, x: 0, maybeN: undefined }));
    expect(() => f({ innerHTML: '', x: 0 })).to.throw(TypeError, 'missing field `isOk`');
    expect(() => f(5)).to.throw(TypeError, 'expected an object for record');
  });

  it('passes tuples as arrays of their arity', () => {
    const t = new Types();
    const f = identity(t, core, t.tuple(t.prim('u8'), t.prim('string'), t.prim('s64')));
    expect(f([1, 'x', -5n])).to.deep.equal([1, 'x', -5n]);
    expect(() => f([1, 'x'])).to.throw(TypeError, 'expected 3 elements');
  });

  it('passes flags, including more than 32, as null-prototype objects of booleans', () => {
    const t = new Types();
    for (const n of [3, 12, 32, 40, 70]) {
      const names = Array.from({ length: n }, (_, i) => `flag-${i}`);
      const flags = t.def({ kind: 'flags', names });
      const f = identity(t, core, flags);
      const value = Object.fromEntries(names.map((name, i) => [`flag${i}`, i % 3 === 0 || i === n - 1]));
      expect(f(value), `${n} flags`).to.deep.equal(NULL_PROTO(value));
      // In memory too (a record makes it a spilled result).
      const inRecord = identity(t, core, t.record({ a: flags, b: t.prim('string') }));
      expect(inRecord({ a: value, b: 's' })).to.deep.equal(NULL_PROTO({ a: NULL_PROTO(value), b: 's' }));
    }
    const f = identity(t, core, t.def({ kind: 'flags', names: ['read', 'write'] }));
    expect(f({ read: 1 })).to.deep.equal(NULL_PROTO({ read: true, write: false }));
  });

  it('passes enums as their label strings', () => {
    const t = new Types();
    const e = t.def({ kind: 'enum', names: ['red', 'light-green', 'blue'] });
    const f = identity(t, core, e);
    expect(f('light-green')).to.equal('light-green');
    expect(f('blue')).to.equal('blue');
    expect(() => f('Blue')).to.throw(TypeError, "expected one of 'red', 'light-green', 'blue'");
    const many = t.def({ kind: 'enum', names: Array.from({ length: 300 }, (_, i) => `e${i}`) });
    expect(identity(t, core, t.listOf(many))(['e0', 'e299'])).to.deep.equal(['e0', 'e299']);
  });

  it('passes a top-level option as undefined or its payload, and a nested one as { kind, value }', () => {
    const t = new Types();
    const f = identity(t, core, t.option(t.prim('string')));
    expect(f('x')).to.equal('x');
    expect(f(undefined)).to.equal(undefined);
    expect(f(null)).to.equal(undefined);
    const nested = identity(t, core, t.option(t.option(t.prim('u32'))));
    expect(nested(undefined)).to.equal(undefined);
    expect(nested({ kind: 'None' })).to.deep.equal(NULL_PROTO({ kind: 'None' }));
    expect(nested({ kind: 'Some', value: 3 })).to.deep.equal(NULL_PROTO({ kind: 'Some', value: 3 }));
    const inList = identity(t, core, t.listOf(t.option(t.prim('u8'))));
    expect(inList([1, undefined, 2])).to.deep.equal([1, undefined, 2]);
  });

  it('passes results as { kind: Ok | Err, value } in return position and nested', () => {
    const t = new Types();
    const r = t.result(t.prim('string'), t.prim('u32'));
    const f = identity(t, core, r);
    expect(f({ kind: 'Ok', value: 'yes' })).to.deep.equal(NULL_PROTO({ kind: 'Ok', value: 'yes' }));
    expect(f({ kind: 'Err', value: 404 })).to.deep.equal(NULL_PROTO({ kind: 'Err', value: 404 }));
    const empty = identity(t, core, t.result(null, null));
    expect(empty({ kind: 'Err' })).to.deep.equal(NULL_PROTO({ kind: 'Err' }));
    const nested = identity(t, core, t.listOf(t.result(t.prim('u8'), null)));
    expect(nested([{ kind: 'Ok', value: 1 }, { kind: 'Err' }])).to.deep.equal([NULL_PROTO({ kind: 'Ok', value: 1 }), NULL_PROTO({ kind: 'Err' })]);
    expect(() => f({ kind: 'ok', value: 'x' })).to.throw(TypeError, "expected kind 'Ok', 'Err'");
  });

  it('passes variants whose payloads join to i32, i64 and f32/f64 bit patterns', () => {
    const t = new Types();
    const v = t.variant({ 'an-int': t.prim('u32'), float: t.prim('f32'), double: t.prim('f64'), big: t.prim('s64'), none: null, text: t.prim('string'), small: t.prim('s8') });
    const f = identity(t, core, v);
    const values = [
      { kind: 'AnInt', value: 4294967295 },
      { kind: 'Float', value: Math.fround(-1.5) },
      { kind: 'Double', value: -Math.PI },
      { kind: 'Big', value: -(2n ** 62n) },
      { kind: 'None' },
      { kind: 'Text', value: 'payload' },
      { kind: 'Small', value: -3 },
    ];
    for (const value of values) expect(f(value)).to.deep.equal(NULL_PROTO(value));
    // f32 and i32 join to i32: a flat variant of exactly those passes flat.
    const narrow = identity(t, core, t.variant({ i: t.prim('s32'), f: t.prim('f32') }));
    expect(narrow({ kind: 'F', value: 0.5 })).to.deep.equal(NULL_PROTO({ kind: 'F', value: 0.5 }));
    expect(narrow({ kind: 'I', value: -9 })).to.deep.equal(NULL_PROTO({ kind: 'I', value: -9 }));
    const wide = identity(t, core, t.variant({ f: t.prim('f32'), l: t.prim('u64') }));
    expect(wide({ kind: 'F', value: 2.5 })).to.deep.equal(NULL_PROTO({ kind: 'F', value: 2.5 }));
  });

  it('passes maps as Maps, from iterables of pairs or from plain objects with string keys', () => {
    const t = new Types();
    const m = t.def({ kind: 'map', key: t.prim('string'), value: t.prim('u32') });
    const f = identity(t, core, m);
    expect(f(new Map([['a', 1], ['b', 2]]))).to.deep.equal(new Map([['a', 1], ['b', 2]]));
    expect(f({ x: 7 })).to.deep.equal(new Map([['x', 7]]));
    const byNumber = identity(t, core, t.def({ kind: 'map', key: t.prim('u8'), value: t.prim('string') }));
    expect(byNumber([[1, 'one']])).to.deep.equal(new Map([[1, 'one']]));
    expect(() => byNumber({ 1: 'one' })).to.throw(TypeError, 'expected an iterable for map');
  });

  it('passes own and borrow handles through the resource callbacks with the slot of their type', () => {
    const t = new Types();
    const r1 = resourceId(11);
    const r2 = resourceId(22);
    const own = t.def({ kind: 'own', resource: r1, type: 0 as never });
    const borrow = t.def({ kind: 'borrow', resource: r2, type: 0 as never });
    const env = resourceEnv();
    const host = (a: unknown, b: unknown): unknown => [a, b];
    const f = throughCore(t, t.func([own, borrow], t.tuple(own, own)), core, host, opts(), env);
    const a = { name: 'a' };
    const b = { name: 'b' };
    const out = f(a, b) as unknown[];
    expect(out.length).to.equal(2);
    expect(env.table.length).to.be.greaterThan(2);
  });

  it('spills more than 16 flat params into memory and returns multi-value results through a pointer', () => {
    const t = new Types();
    const u32 = t.prim('u32');
    const params = Array.from({ length: 20 }, () => u32);
    const type = t.func([...params, t.prim('string')], t.tuple(u32, t.prim('string'), t.prim('f64')));
    const f = throughCore(t, type, core, (...args: unknown[]) => [(args.slice(0, 20) as number[]).reduce((a, b) => a + b, 0), args[20], 0.5]);
    expect(f(...Array.from({ length: 20 }, (_, i) => i), 'tail')).to.deep.equal([190, 'tail', 0.5]);
  });

  it('passes many params of mixed types next to each other, flat and spilled', () => {
    const t = new Types();
    const types = [t.prim('string'), t.listOf(t.prim('u8')), t.option(t.prim('u8')), t.variant({ x: t.prim('f32'), y: t.prim('s64') }), t.record({ q: t.prim('char') }), t.prim('u64'), t.prim('char'), t.prim('bool')];
    const values = ['s', Uint8Array.of(1, 2), 3, { kind: 'Y', value: -4n }, { q: '\u{1f600}' }, 5n, 'z', true];
    const expected = ['s', Uint8Array.of(1, 2), 3, NULL_PROTO({ kind: 'Y', value: -4n }), NULL_PROTO({ q: '\u{1f600}' }), 5n, 'z', true];
    // 4 params (8 flat), 8 (12 flat) and 16 (24 flat: spilled).
    for (const n of [4, 8, 16]) {
      const params = [...types, ...types].slice(0, n);
      const f = throughCore(t, t.func(params, t.tuple(...params)), core, (...args: unknown[]) => args);
      expect(f(...[...values, ...values].slice(0, n))).to.deep.equal([...expected, ...expected].slice(0, n));
    }
  });

  it('round-trips arbitrary nested lists and records (property)', () => {
    const t = new Types();
    const type = t.listOf(t.record({ id: t.prim('u32'), tags: t.listOf(t.prim('string')), score: t.option(t.prim('f64')) }));
    const f = identity(t, core, type);
    const item = fc.record({ id: fc.nat({ max: 0xffffffff }), tags: fc.array(fc.string()), score: fc.option(fc.double({ noNaN: true }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), (items) => {
        expect(f(items)).to.deep.equal(items.map((i) => NULL_PROTO(i)));
      }),
      { numRuns: 100 },
    );
    const lists = identity(t, core, t.listOf(t.prim('s16')));
    fc.assert(fc.property(fc.array(fc.integer({ min: -32768, max: 32767 })), (xs) => {
      expect(lists(xs)).to.deep.equal(Int16Array.from(xs));
    }), { numRuns: 100 });
  });
});
