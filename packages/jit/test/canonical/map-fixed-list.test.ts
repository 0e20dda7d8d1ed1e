import { expect } from 'chai';
import type { ComponentValType } from '@tswasm/environ';
import { coreInstance, liftedExport, loweredImport, opts, throughCore, TestTrap, Types } from './canonical-fixtures.js';
import type { CoreExports } from './canonical-fixtures.js';
import { generateLiftedExport, generateLoweredImport } from '../../src/canonical/func-trampolines.js';

// CanonicalABI.md: `map<K, V>` despecializes to `list<tuple<K, V>>` (a pointer and a length,
// entries at the tuple's stride); `list<T, N>` flattens to N copies of T's flat values and sits
// inline in memory, N elements at T's stride, aligned as T.

function identity(t: Types, core: CoreExports, type: ComponentValType): (v: unknown) => unknown {
  const f = throughCore(t, t.func([type], type), core, (v: unknown) => v, opts());
  return (v) => f(v);
}

function map(t: Types, key: ComponentValType, value: ComponentValType): ComponentValType {
  return t.def({ kind: 'map', key, value });
}

describe('canonical trampolines: maps', () => {
  let core: CoreExports;
  beforeEach(async () => {
    core = await coreInstance();
  });

  it('lower a map as entries of tuple<K, V>, with the value at its alignment and the stride rounded up', () => {
    const t = new Types();
    let seen: number[] = [];
    const f = liftedExport(t, t.func([map(t, t.prim('u8'), t.prim('u64'))], null), core, (ptr: number, len: number) => {
      const dv = new DataView(core.memory.buffer);
      seen = [ptr % 8, len];
      for (let i = 0; i < len; i++) seen.push(dv.getUint8(ptr + 16 * i), Number(dv.getBigUint64(ptr + 16 * i + 8, true)));
    });
    f(new Map([[1, 10n], [2, 20n]]));
    expect(seen).to.deep.equal([0, 2, 1, 10, 2, 20]);
  });

  it('lift entries of the guest into a Map in order, the last value of a duplicate key winning', () => {
    const t = new Types();
    let got: unknown;
    const lowered = loweredImport(t, t.func([map(t, t.prim('u32'), t.prim('string'))], null), core, (m: unknown) => {
      got = m;
    });
    // Entries of 12 bytes: key, then the string's pointer and length.
    const dv = new DataView(core.memory.buffer);
    const bytes = new Uint8Array(core.memory.buffer);
    bytes.set(new TextEncoder().encode('abc'), 512);
    const entries: [number, number, number][] = [[7, 512, 1], [3, 513, 1], [7, 514, 1]];
    entries.forEach(([k, p, n], i) => {
      dv.setUint32(256 + 12 * i, k, true);
      dv.setUint32(256 + 12 * i + 4, p, true);
      dv.setUint32(256 + 12 * i + 8, n, true);
    });
    lowered(256, 3);
    expect(got).to.be.instanceOf(Map);
    expect([...(got as Map<number, string>)]).to.deep.equal([[7, 'c'], [3, 'b']]);
  });

  it('round-trip nested maps, maps in lists and options, and bigint and char keys', () => {
    const t = new Types();
    const inner = map(t, t.prim('string'), t.listOf(t.prim('u8')));
    const nested = identity(t, core, map(t, t.prim('string'), inner));
    const value = new Map([['a', new Map([['x', Uint8Array.of(1, 2)]])], ['b', new Map()]]);
    expect(nested(value)).to.deep.equal(value);
    const listOfMaps = identity(t, core, t.listOf(map(t, t.prim('s64'), t.prim('bool'))));
    expect(listOfMaps([new Map([[-1n, true]]), new Map()])).to.deep.equal([new Map([[-1n, true]]), new Map()]);
    const optional = identity(t, core, t.option(map(t, t.prim('char'), t.prim('f64'))));
    expect(optional(new Map([['🍰', 0.5]]))).to.deep.equal(new Map([['🍰', 0.5]]));
    expect(optional(undefined)).to.equal(undefined);
  });

  it('refuse host values that are not maps: a non-object, a non-pair entry', () => {
    const t = new Types();
    const f = identity(t, core, map(t, t.prim('u8'), t.prim('u8')));
    expect(() => f(5)).to.throw(TypeError, 'expected an object for map<u8, u8>');
    expect(() => f([[1, 2, 3]])).to.throw(TypeError, 'expected 2 elements for tuple<u8, u8>');
  });

  it('trap on a map outside memory or unaligned for its entries', () => {
    const t = new Types();
    const lowered = loweredImport(t, t.func([map(t, t.prim('u8'), t.prim('u64'))], null), core, () => undefined);
    expect(() => lowered(65536 - 16, 2)).to.throw(TestTrap, 'list pointer/length out of bounds');
    expect(() => lowered(4, 1)).to.throw(TestTrap, 'list pointer is not aligned');
  });
});

describe('canonical trampolines: fixed-length lists', () => {
  let core: CoreExports;
  beforeEach(async () => {
    core = await coreInstance();
  });

  it('flatten element by element, so list<u8, 4> is four i32 params', () => {
    const t = new Types();
    let args: unknown[] = [];
    const f = liftedExport(t, t.func([t.listOf(t.prim('u8'), 4)], null), core, (...a: unknown[]) => {
      args = a;
    });
    f(Uint8Array.of(1, 2, 3, 255));
    expect(args).to.deep.equal([1, 2, 3, 255]);
  });

  it('spill beyond 16 flat values: list<u32, 17> goes through memory as 17 words', () => {
    const t = new Types();
    let words: number[] = [];
    const f = liftedExport(t, t.func([t.listOf(t.prim('u32'), 17)], null), core, (ptr: number) => {
      words = [...new Uint32Array(core.memory.buffer, ptr, 17)];
    });
    const value = Uint32Array.from({ length: 17 }, (_, i) => i + 1);
    f(value);
    expect(words).to.deep.equal([...value]);
    expect(identity(t, core, t.listOf(t.prim('u32'), 17))(value)).to.deep.equal(value);
  });

  it('sit inline in a record, aligned as their element', () => {
    const t = new Types();
    const r = t.record({ a: t.prim('u8'), b: t.listOf(t.prim('u16'), 3), c: t.prim('u8') });
    // Flat: a, b0, b1, b2, c; spilled through a list of such records to see the memory layout.
    let bytes: number[] = [];
    const f = liftedExport(t, t.func([t.listOf(r)], null), core, (ptr: number, len: number) => {
      bytes = [...new Uint8Array(core.memory.buffer, ptr, len * 10)];
    });
    f([{ a: 1, b: [2, 3, 4], c: 5 }]);
    // a at 0, b at 2 (u16 alignment), c at 8, size 10 (rounded to 2).
    expect(bytes).to.deep.equal([1, 0, 2, 0, 3, 0, 4, 0, 5, 0]);
  });

  it('come back as typed arrays for number elements and arrays otherwise, nested', () => {
    const t = new Types();
    const grid = identity(t, core, t.listOf(t.listOf(t.prim('f64'), 2), 2));
    expect(grid([[1, 2], [3, 4]])).to.deep.equal([Float64Array.of(1, 2), Float64Array.of(3, 4)]);
    const inList = identity(t, core, t.listOf(t.listOf(t.prim('s8'), 3)));
    expect(inList([Int8Array.of(-1, 0, 1)])).to.deep.equal([Int8Array.of(-1, 0, 1)]);
    const words = identity(t, core, t.listOf(t.prim('string'), 2));
    expect(words(['a', 'b☃'])).to.deep.equal(['a', 'b☃']);
    const bools = identity(t, core, t.listOf(t.prim('bool'), 2));
    expect(bools([true, false])).to.deep.equal([true, false]);
  });

  it('take any iterable of the right length and refuse other lengths and non-iterables', () => {
    const t = new Types();
    const f = identity(t, core, t.listOf(t.prim('u8'), 2));
    expect(f(new Set([4, 5]))).to.deep.equal(Uint8Array.of(4, 5));
    expect(() => f(Uint8Array.of(1, 2, 3))).to.throw(TypeError, 'expected 2 elements for list<u8, 2>, found 3');
    expect(() => f(7)).to.throw(TypeError, 'expected an iterable for list<u8, 2>');
    expect(() => f(new DataView(new ArrayBuffer(2)))).to.throw(TypeError, 'expected an iterable for list<u8, 2>');
  });

  it('generate small code for long ones, in memory, both ways', () => {
    const t = new Types();
    for (const element of [t.prim('u8'), t.prim('string'), t.record({ a: t.prim('u8'), b: t.prim('f64') })]) {
      const long = t.listOf(element, 1_000_000);
      const type = t.func([long], long);
      expect(generateLiftedExport(t.list, type, opts()).source.length).to.be.lessThan(20_000);
      expect(generateLoweredImport(t.list, type, opts()).source.length).to.be.lessThan(20_000);
    }
  });

  it('round-trip a long list of records in memory', () => {
    const t = new Types();
    const f = identity(t, core, t.listOf(t.record({ a: t.prim('u8'), b: t.prim('f64') }), 500));
    const value = Array.from({ length: 500 }, (_, i) => Object.assign(Object.create(null) as object, { a: i % 256, b: i / 4 }));
    expect(f(value)).to.deep.equal(value);
  });
});
