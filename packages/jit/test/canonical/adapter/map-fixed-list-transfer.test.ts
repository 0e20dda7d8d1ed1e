import { expect } from 'chai';
import type { ComponentValType } from '@tswasm/environ';
import type { AdapterEnv } from '../../../src/canonical/adapter/adapter-env.js';
import { generateFusedAdapter, makeAdapterFactory } from '../../../src/canonical/adapter/fused-adapter.js';
import { FLAG_MAY_ENTER, FLAG_MAY_LEAVE, InstanceFlags } from '../../../src/canonical/adapter/instance-flags.js';
import { TestTrap, Types } from '../canonical-fixtures.js';

interface Harness {
  readonly fn: Function;
  readonly lower: WebAssembly.Memory;
  readonly lift: WebAssembly.Memory;
  readonly reallocs: string[];
}

// A fused adapter of `[params] -> result` between two memories, each with a bump realloc from 1024.
function harness(t: Types, params: ComponentValType[], result: ComponentValType | null, callee: Function): Harness {
  const type = t.func(params, result);
  const side = { stringEncoding: 'utf8', memory: true, realloc: true, postReturn: false } as const;
  const { source } = generateFusedAdapter(t.list, type, type, { lower: side, lift: side });
  const lower = new WebAssembly.Memory({ initial: 1 });
  const lift = new WebAssembly.Memory({ initial: 1 });
  const reallocs: string[] = [];
  const bump = (memory: WebAssembly.Memory, name: string): ((old: number, oldSize: number, align: number, size: number) => number) => {
    let next = 1024;
    return (_old, _oldSize, align, size) => {
      reallocs.push(`${name}(${align},${size})`);
      const ptr = Math.ceil(next / align) * align;
      next = ptr + size;
      return ptr;
    };
  };
  const env: AdapterEnv = {
    callee,
    trap: (code, message) => {
      throw new TestTrap(code, message);
    },
    flags: [new InstanceFlags(), new InstanceFlags()],
    lowerInstance: 0,
    liftInstance: 1,
    lowerMemory: lower,
    liftMemory: lift,
    lowerRealloc: bump(lower, 'lower'),
    liftRealloc: bump(lift, 'lift'),
  };
  return { fn: makeAdapterFactory(source)(env), lower, lift, reallocs };
}

describe('generateFusedAdapter: maps and fixed-length lists', () => {
  it('copies every map entry, duplicate keys included, at the entry stride of tuple<K, V>', () => {
    const t = new Types();
    const m = t.def({ kind: 'map', key: t.prim('u8'), value: t.prim('u64') });
    let entries: [number, bigint][] = [];
    const h = harness(t, [m], null, (ptr: number, len: number) => {
      const dv = new DataView(h.lift.buffer);
      entries = Array.from({ length: len }, (_, i) => [dv.getUint8(ptr + 16 * i), dv.getBigUint64(ptr + 16 * i + 8, true)]);
    });
    const dv = new DataView(h.lower.buffer);
    for (const [i, [k, v]] of [[1, 10n], [1, 11n], [2, 2n ** 64n - 1n]].entries()) {
      dv.setUint8(64 + 16 * i, k as number);
      dv.setBigUint64(64 + 16 * i + 8, v as bigint, true);
    }
    h.fn(64, 3);
    expect(h.reallocs).to.deep.equal(['lift(8,48)']);
    expect(entries).to.deep.equal([[1, 10n], [1, 11n], [2, 2n ** 64n - 1n]]);
  });

  it('re-allocates the strings of map keys in the callee memory', () => {
    const t = new Types();
    const m = t.def({ kind: 'map', key: t.prim('string'), value: t.prim('u32') });
    let got: [string, number][] = [];
    const h = harness(t, [m], null, (ptr: number, len: number) => {
      const dv = new DataView(h.lift.buffer);
      got = Array.from({ length: len }, (_, i) => {
        const at = ptr + 12 * i;
        const s = new TextDecoder().decode(new Uint8Array(h.lift.buffer, dv.getUint32(at, true), dv.getUint32(at + 4, true)));
        return [s, dv.getUint32(at + 8, true)];
      });
    });
    const u8 = new Uint8Array(h.lower.buffer);
    u8.set(new TextEncoder().encode('key☃'), 200);
    const dv = new DataView(h.lower.buffer);
    dv.setUint32(64, 200, true);
    dv.setUint32(68, 6, true);
    dv.setUint32(72, 42, true);
    h.fn(64, 1);
    expect(got).to.deep.equal([['key☃', 42]]);
    expect(h.reallocs).to.deep.equal(['lift(4,12)', 'lift(1,6)']);
  });

  it('traps on a map whose entries run outside the caller memory', () => {
    const t = new Types();
    const h = harness(t, [t.def({ kind: 'map', key: t.prim('u32'), value: t.prim('u32') })], null, () => undefined);
    expect(() => h.fn(65536 - 8, 2)).to.throw(TestTrap, 'list content out-of-bounds');
  });

  it('passes a flat fixed-length list element by element', () => {
    const t = new Types();
    const seen: unknown[] = [];
    const h = harness(t, [t.listOf(t.prim('u8'), 3)], null, (...args: unknown[]) => seen.push(...args));
    h.fn(1, 0x1ff, 255);
    // Each element is a u8: bits above its width are dropped on the way.
    expect(seen).to.deep.equal([1, 255, 255]);
  });

  it('copies a spilled fixed-length list of strings into the callee memory', () => {
    const t = new Types();
    // list<string, 9> flattens to 18 values, more than 16: the params go through memory.
    let words: string[] = [];
    const h = harness(t, [t.listOf(t.prim('string'), 9)], null, (ptr: number) => {
      const dv = new DataView(h.lift.buffer);
      words = Array.from({ length: 9 }, (_, i) => new TextDecoder().decode(new Uint8Array(h.lift.buffer, dv.getUint32(ptr + 8 * i, true), dv.getUint32(ptr + 8 * i + 4, true))));
    });
    const dv = new DataView(h.lower.buffer);
    const u8 = new Uint8Array(h.lower.buffer);
    for (let i = 0; i < 9; i++) {
      u8[300 + i] = 0x61 + i;
      dv.setUint32(64 + 8 * i, 300 + i, true);
      dv.setUint32(64 + 8 * i + 4, 1, true);
    }
    h.fn(64);
    expect(words).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    expect(h.reallocs[0]).to.equal('lift(4,72)');
  });

  it('refuses a fixed-length list against a list of another length or a variable-length list', () => {
    const t = new Types();
    const three = t.func([t.listOf(t.prim('u8'), 3)], null);
    const side = { stringEncoding: 'utf8', memory: true, realloc: true, postReturn: false } as const;
    for (const other of [t.listOf(t.prim('u8'), 4), t.listOf(t.prim('u8'))]) {
      expect(() => generateFusedAdapter(t.list, three, t.func([other], null), { lower: side, lift: side })).to.throw('adapter types differ');
    }
  });

  it('moves a fixed-length list in memory with one loop, so a long one keeps the adapter small', () => {
    const t = new Types();
    const side = { stringEncoding: 'utf8', memory: true, realloc: true, postReturn: false } as const;
    const type = t.func([t.listOf(t.listOf(t.prim('string'), 100_000))], null);
    const { source } = generateFusedAdapter(t.list, type, type, { lower: side, lift: side });
    expect(source.length).to.be.lessThan(20_000);
  });

  it('moves the strings of a fixed-length list inside a list element by element', () => {
    const t = new Types();
    let words: string[] = [];
    const h = harness(t, [t.listOf(t.listOf(t.prim('string'), 2))], null, (ptr: number, len: number) => {
      const dv = new DataView(h.lift.buffer);
      words = Array.from({ length: 2 * len }, (_, i) => new TextDecoder().decode(new Uint8Array(h.lift.buffer, dv.getUint32(ptr + 8 * i, true), dv.getUint32(ptr + 8 * i + 4, true))));
    });
    const dv = new DataView(h.lower.buffer);
    new Uint8Array(h.lower.buffer).set(new TextEncoder().encode('wxyz'), 300);
    for (let i = 0; i < 4; i++) {
      dv.setUint32(64 + 8 * i, 300 + i, true);
      dv.setUint32(64 + 8 * i + 4, 1, true);
    }
    h.fn(64, 2);
    expect(words).to.deep.equal(['w', 'x', 'y', 'z']);
  });

  it('copies a fixed-length list of numbers in a spilled result as one block', () => {
    const t = new Types();
    const u16x20 = t.listOf(t.prim('u16'), 20);
    const h = harness(t, [], u16x20, () => {
      new Uint16Array(h.lift.buffer, 512, 20).set(Array.from({ length: 20 }, (_, i) => 1000 + i));
      return 512;
    });
    h.fn(128);
    expect([...new Uint16Array(h.lower.buffer, 128, 20)]).to.deep.equal(Array.from({ length: 20 }, (_, i) => 1000 + i));
  });
});
