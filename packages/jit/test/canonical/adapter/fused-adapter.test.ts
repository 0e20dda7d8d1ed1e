import { expect } from 'chai';
import type { ComponentValType } from '@tswasm/environ';
import type { StringEncoding } from '../../../src/canonical/abi-options.js';
import type { AdapterEnv } from '../../../src/canonical/adapter/adapter-env.js';
import { fusedAdapterKey, generateFusedAdapter, makeAdapterFactory } from '../../../src/canonical/adapter/fused-adapter.js';
import { FLAG_MAY_ENTER, FLAG_MAY_LEAVE, InstanceFlags } from '../../../src/canonical/adapter/instance-flags.js';
import { TestTrap, Types } from '../canonical-fixtures.js';

const UTF16_TAG = 0x80000000;
const ENCODINGS: readonly StringEncoding[] = ['utf8', 'utf16', 'latin1+utf16'];

interface Harness {
  readonly fn: Function;
  readonly lower: WebAssembly.Memory;
  readonly lift: WebAssembly.Memory;
  readonly reallocs: string[];
  readonly flags: readonly InstanceFlags[];
}

// A bump realloc over `memory` that logs its calls as `side(old,oldSize,align,size)`.
function bump(memory: WebAssembly.Memory, side: string, log: string[]): (old: number, oldSize: number, align: number, size: number) => number {
  let next = 1024;
  return (old, oldSize, align, size) => {
    log.push(`${side}(${old},${oldSize},${align},${size})`);
    const ptr = Math.ceil(next / align) * align;
    next = ptr + size;
    const u8 = new Uint8Array(memory.buffer);
    if (old !== 0) u8.copyWithin(ptr, old, old + Math.min(oldSize, size));
    return ptr;
  };
}

function harness(t: Types, params: ComponentValType[], result: ComponentValType | null, callee: Function, encodings: { lower?: StringEncoding; lift?: StringEncoding } = {}, postReturn?: Function): Harness {
  const type = t.func(params, result);
  const options = {
    lower: { stringEncoding: encodings.lower ?? 'utf8', memory: true, realloc: true, postReturn: false },
    lift: { stringEncoding: encodings.lift ?? 'utf8', memory: true, realloc: true, postReturn: postReturn !== undefined },
  } as const;
  const { source } = generateFusedAdapter(t.list, type, type, options);
  const lower = new WebAssembly.Memory({ initial: 1 });
  const lift = new WebAssembly.Memory({ initial: 1 });
  const reallocs: string[] = [];
  const flags = [new InstanceFlags(), new InstanceFlags()];
  const env: AdapterEnv = {
    callee,
    trap: (code, message) => {
      throw new TestTrap(code, message);
    },
    flags,
    lowerInstance: 0,
    liftInstance: 1,
    lowerMemory: lower,
    liftMemory: lift,
    lowerRealloc: bump(lower, 'lower', reallocs),
    liftRealloc: bump(lift, 'lift', reallocs),
    ...(postReturn === undefined ? {} : { postReturn }),
  };
  return { fn: makeAdapterFactory(source)(env), lower, lift, reallocs, flags };
}

// `s` in `encoding` at `ptr` of `memory`; returns the (tagged) length to pass.
function writeString(memory: WebAssembly.Memory, ptr: number, s: string, encoding: StringEncoding): number {
  const u8 = new Uint8Array(memory.buffer);
  const latin1 = [...s].every((c) => c.charCodeAt(0) <= 0xff && c.length === 1);
  if (encoding === 'utf8') {
    const bytes = new TextEncoder().encode(s);
    u8.set(bytes, ptr);
    return bytes.length;
  }
  if (encoding === 'latin1+utf16' && latin1) {
    for (let i = 0; i < s.length; i++) u8[ptr + i] = s.charCodeAt(i);
    return s.length;
  }
  const dv = new DataView(memory.buffer);
  for (let i = 0; i < s.length; i++) dv.setUint16(ptr + 2 * i, s.charCodeAt(i), true);
  return encoding === 'utf16' ? s.length : (s.length + UTF16_TAG) >>> 0;
}

function readString(memory: WebAssembly.Memory, ptr: number, len: number, encoding: StringEncoding): string {
  const u8 = new Uint8Array(memory.buffer);
  len >>>= 0;
  if (encoding === 'utf8') return new TextDecoder().decode(u8.subarray(ptr, ptr + len));
  if (encoding === 'latin1+utf16' && len < UTF16_TAG) return String.fromCharCode(...u8.subarray(ptr, ptr + len));
  const units = encoding === 'utf16' ? len : len - UTF16_TAG;
  return new TextDecoder('utf-16le').decode(u8.subarray(ptr, ptr + 2 * units));
}

describe('generateFusedAdapter', () => {
  it('gives equal keys to equal signatures and different keys to different encodings', () => {
    const t = new Types();
    const f = t.func([t.prim('string')], null);
    const opts = (lift: StringEncoding) => ({ lower: { stringEncoding: 'utf8', memory: true, realloc: true, postReturn: false }, lift: { stringEncoding: lift, memory: true, realloc: true, postReturn: false } }) as const;
    expect(fusedAdapterKey(t.list, f, f, opts('utf8'))).to.equal(fusedAdapterKey(t.list, f, f, opts('utf8')));
    expect(fusedAdapterKey(t.list, f, f, opts('utf8'))).not.to.equal(fusedAdapterKey(t.list, f, f, opts('utf16')));
  });

  it('refuses streams with a TypeError saying they are not supported yet', () => {
    const t = new Types();
    const stream = t.def({ kind: 'stream', element: null });
    const f = t.func([stream], null);
    const options = { lower: { stringEncoding: 'utf8', memory: false, realloc: false, postReturn: false }, lift: { stringEncoding: 'utf8', memory: false, realloc: false, postReturn: false } } as const;
    expect(() => generateFusedAdapter(t.list, f, f, options)).to.throw(TypeError, '`stream` values passed between component instances are not supported yet');
  });

  it('canonicalizes booleans and narrows small integers on the way in and out', () => {
    const t = new Types();
    const seen: unknown[] = [];
    const h = harness(t, [t.prim('bool'), t.prim('u8'), t.prim('s8'), t.prim('u16'), t.prim('s16')], t.prim('s8'), (...args: unknown[]) => {
      seen.push(...args);
      return 0x1ff;
    });
    expect(h.fn(7, 0x1ff, 0xff, 0x1ffff, 0xffff)).to.equal(-1);
    expect(seen).to.deep.equal([1, 0xff, -1, 0xffff, -1]);
  });

  it('traps on a char that is not a unicode scalar value', () => {
    const t = new Types();
    for (const bad of [0xd800, 0xdfff, 0x110000]) {
      // A trap leaves the callee unenterable, so each call gets its own pair of instances.
      const h = harness(t, [t.prim('char')], null, () => undefined);
      expect(() => h.fn(bad)).to.throw(TestTrap, 'invalid `char` bit pattern').with.property('code', 'InvalidChar');
    }
  });

  it('clears flag bits beyond the labels', () => {
    const t = new Types();
    const flags = (n: number) => t.def({ kind: 'flags', names: Array.from({ length: n }, (_, i) => `f${i}`) });
    const seen: unknown[] = [];
    const h = harness(t, [flags(3), flags(40)], null, (...args: unknown[]) => seen.push(...args));
    h.fn(0xff, -1, -1);
    expect(seen).to.deep.equal([7, -1, 0xff]);
  });

  it('traps on a variant discriminant out of range', () => {
    const t = new Types();
    const h = harness(t, [t.variant({ a: t.prim('u8'), b: null })], null, () => undefined);
    expect(() => h.fn(2, 0)).to.throw(TestTrap, 'invalid variant discriminant').with.property('code', 'InvalidDiscriminant');
  });

  it('joins variant payloads into the flat slots and back', () => {
    const t = new Types();
    const v = t.variant({ a: t.prim('f32'), b: t.prim('u64'), c: null });
    const seen: unknown[] = [];
    const h = harness(t, [v], null, (...args: unknown[]) => seen.push(...args));
    h.fn(1, 5n);
    h.fn(2, 0n);
    expect(seen).to.deep.equal([1, 5n, 2, 0n]);
  });

  it('copies a list of numbers into the callee memory in one allocation', () => {
    const t = new Types();
    let got: [number, number] = [0, 0];
    const h = harness(t, [t.listOf(t.prim('u32'))], null, (p: number, n: number) => {
      got = [p, n];
    });
    new Uint32Array(h.lower.buffer, 64, 3).set([1, 2, 3]);
    h.fn(64, 3);
    expect(h.reallocs).to.deep.equal(['lift(0,0,4,12)']);
    expect([...new Uint32Array(h.lift.buffer, got[0], got[1])]).to.deep.equal([1, 2, 3]);
  });

  it('traps on an unaligned or out-of-bounds list', () => {
    const t = new Types();
    const h = harness(t, [t.listOf(t.prim('u32'))], null, () => undefined);
    expect(() => h.fn(66, 1)).to.throw(TestTrap, 'unaligned pointer');
    const again = harness(t, [t.listOf(t.prim('u32'))], null, () => undefined);
    expect(() => again.fn(65532, 2)).to.throw(TestTrap, 'list content out-of-bounds').with.property('code', 'ListOutOfBounds');
  });

  it('traps on a string outside memory before calling realloc', () => {
    const t = new Types();
    const h = harness(t, [t.prim('string')], null, () => undefined);
    expect(() => h.fn(65530, 100)).to.throw(TestTrap, 'string content out-of-bounds');
    expect(h.reallocs).to.deep.equal([]);
  });

  it('traps on invalid utf-8 and lone utf-16 surrogates', () => {
    const t = new Types();
    const utf8 = harness(t, [t.prim('string')], null, () => undefined);
    new Uint8Array(utf8.lower.buffer)[64] = 0xff;
    expect(() => utf8.fn(64, 1)).to.throw(TestTrap, 'invalid utf8 encoding');
    const utf16 = harness(t, [t.prim('string')], null, () => undefined, { lower: 'utf16' });
    new DataView(utf16.lower.buffer).setUint16(64, 0xd800, true);
    expect(() => utf16.fn(64, 1)).to.throw(TestTrap, 'invalid utf16 encoding');
  });

  for (const from of ENCODINGS) {
    for (const to of ENCODINGS) {
      it(`transcodes strings from ${from} to ${to}`, () => {
        for (const s of ['', 'plain', 'héllo ÿ', 'snow ☃ man', 'cake 🍰', 'ÿ☃']) {
          const t = new Types();
          let got = '';
          let len = 0;
          const h = harness(t, [t.prim('string')], null, (p: number, n: number) => {
            len = n >>> 0;
            got = readString(h.lift, p, n, to);
          }, { lower: from, lift: to });
          h.fn(64, writeString(h.lower, 64, s, from));
          expect(got).to.equal(s);
          const latin1 = [...s].every((c) => c.length === 1 && c.charCodeAt(0) <= 0xff);
          if (to === 'latin1+utf16') expect(len >= UTF16_TAG).to.equal(!latin1);
        }
      });
    }
  }

  it('allocates utf8 to utf16 at the worst case, then shrinks', () => {
    const t = new Types();
    const h = harness(t, [t.prim('string')], null, () => undefined, { lower: 'utf8', lift: 'utf16' });
    h.fn(64, writeString(h.lower, 64, '☃', 'utf8'));
    expect(h.reallocs).to.deep.equal(['lift(0,0,2,6)', 'lift(1024,6,2,2)']);
  });

  it('allocates utf16 to utf8 one byte per unit, then the worst case at the first non-ascii', () => {
    const t = new Types();
    const h = harness(t, [t.prim('string')], null, () => undefined, { lower: 'utf16', lift: 'utf8' });
    h.fn(64, writeString(h.lower, 64, 'a☃', 'utf16'));
    expect(h.reallocs).to.deep.equal(['lift(0,0,1,2)', 'lift(1024,2,1,6)', 'lift(1026,6,1,4)']);
  });

  it('moves spilled params through the callee realloc and results through the return area', () => {
    const t = new Types();
    const params = Array.from({ length: 17 }, () => t.prim('u32'));
    const r = t.record({ a: t.prim('u8'), b: t.prim('f64') });
    let sum = 0;
    const h = harness(t, params, r, (p: number) => {
      const dv = new DataView(h.lift.buffer);
      for (let i = 0; i < 17; i++) sum += dv.getUint32(p + 4 * i, true);
      dv.setUint8(512, 9);
      dv.setFloat64(520, 2.5, true);
      return 512;
    });
    const dv = new DataView(h.lower.buffer);
    for (let i = 0; i < 17; i++) dv.setUint32(64 + 4 * i, i, true);
    h.fn(64, 256);
    expect(sum).to.equal(136);
    expect([dv.getUint8(256), dv.getFloat64(264, true)]).to.deep.equal([9, 2.5]);
  });

  it('calls post-return with the callee result after the result is copied', () => {
    const t = new Types();
    const calls: unknown[] = [];
    const h = harness(t, [], t.prim('string'), () => {
      new Uint8Array(h.lift.buffer).set([104, 105], 600);
      new DataView(h.lift.buffer).setUint32(512, 600, true);
      new DataView(h.lift.buffer).setUint32(516, 2, true);
      return 512;
    }, {}, (r: number) => {
      calls.push(r, h.flags[1]?.bits);
      new Uint8Array(h.lift.buffer).fill(0, 0, 1024);
    });
    h.fn(128);
    const dv = new DataView(h.lower.buffer);
    expect(readString(h.lower, dv.getUint32(128, true), dv.getUint32(132, true), 'utf8')).to.equal('hi');
    expect(calls).to.deep.equal([512, 0]);
  });

  it('traps when the callee is entered already, and leaves a trapped callee unenterable', () => {
    const t = new Types();
    const h = harness(t, [], null, () => {
      throw new Error('guest trap');
    });
    expect(() => h.fn()).to.throw('guest trap');
    expect(() => h.fn()).to.throw(TestTrap, 'cannot enter component instance').with.property('code', 'CannotEnterComponent');
  });

  it('traps when the caller may not leave', () => {
    const t = new Types();
    const h = harness(t, [], null, () => undefined);
    (h.flags[0] as InstanceFlags).bits = FLAG_MAY_ENTER;
    expect(() => h.fn()).to.throw(TestTrap, 'cannot leave component instance').with.property('code', 'CannotLeaveComponent');
  });
});
