import { expect } from 'chai';
import type { ComponentValType } from '@tswasm/environ';
import type { CanonicalEnv } from '../../src/canonical/abi-options.js';
import { generateLiftedExport, generateLoweredImport, generateStoreResult, makeCanonicalFactory } from '../../src/canonical/func-trampolines.js';
import { signatureKey } from '../../src/canonical/signature-key.js';
import { coreInstance, liftedExport, loweredImport, opts, resourceEnv, resourceId, Types } from './canonical-fixtures.js';
import type { CoreExports } from './canonical-fixtures.js';

const NULL_PROTO = (o: object): object => Object.assign(Object.create(null) as object, o);

describe('canonical trampolines against a hand-written core module', () => {
  let core: CoreExports;
  let t: Types;
  beforeEach(async () => {
    core = await coreInstance();
    t = new Types();
  });

  it('call add(u32, u32) -> u32 flat, and reject out-of-range host numbers with a TypeError', () => {
    const u32 = t.prim('u32');
    const add = liftedExport(t, t.func([u32, u32], u32), core, core['add'] as Function);
    expect(add(1, 2)).to.equal(3);
    expect(add(0xffffffff, 1)).to.equal(0);
    expect(add(0x80000000, 0)).to.equal(0x80000000);
    expect(() => add(-1, 0)).to.throw(TypeError, 'expected an integer in the range of u32, found -1');
    expect(() => add(2 ** 32, 0)).to.throw(TypeError, 'u32');
    expect(() => add(1n, 0)).to.throw(TypeError);
    expect(() => add(NaN, 0)).to.throw(TypeError);
  });

  it('echo a string through the return area, calling post-return after lifting', () => {
    const s = t.prim('string');
    let posts = 0;
    const echo = liftedExport(t, t.func([s], s), core, core['echo'] as Function, opts({ postReturn: true }), {
      postReturn: (rp: number) => {
        expect(rp).to.equal(16);
        posts++;
      },
    });
    expect(echo('hello, world')).to.equal('hello, world');
    expect(echo('\u{1f600}'.repeat(5000))).to.equal('\u{1f600}'.repeat(5000));
    expect(posts).to.equal(2);
  });

  it('call post-return with the flat result, or with nothing when there is none', () => {
    const u32 = t.prim('u32');
    const calls: unknown[][] = [];
    const postReturn = (...args: unknown[]): void => {
      calls.push(args);
    };
    const add = liftedExport(t, t.func([u32, u32], u32), core, core['add'] as Function, opts({ postReturn: true }), { postReturn });
    expect(add(2, 3)).to.equal(5);
    const none = liftedExport(t, t.func([], null), core, () => undefined, opts({ postReturn: true }), { postReturn });
    expect(none()).to.equal(undefined);
    expect(calls).to.deep.equal([[5], []]);
  });

  it('read callee, memory and realloc when called, so they can be set after the instance exists', async () => {
    const s = t.prim('string');
    const env: CanonicalEnv = { callee: () => 0, trap: () => { throw new Error('trap'); } };
    const imported = makeCanonicalFactory(generateLoweredImport(t.list, t.func([s], s), opts()).source)(env);
    const exported = makeCanonicalFactory(generateLiftedExport(t.list, t.func([s], s), opts()).source)(env);
    env.callee = (text: string) => text + '!';
    env.memory = core.memory;
    env.realloc = core.cabi_realloc;
    const rp = core.cabi_realloc(0, 0, 4, 8);
    new Uint8Array(core.memory.buffer).set([0x68, 0x69], 100);
    imported(100, 2, rp);
    const view = new DataView(core.memory.buffer);
    expect(new TextDecoder().decode(new Uint8Array(core.memory.buffer, view.getUint32(rp, true), view.getUint32(rp + 4, true)))).to.equal('hi!');
    env.callee = core['echo'] as Function;
    expect(exported('ok')).to.equal('ok');
  });

  it('re-reads the memory buffer after realloc grows memory', () => {
    const s = t.prim('string');
    const echo = liftedExport(t, t.func([s], s), core, core['echo'] as Function);
    const pages = core.memory.buffer.byteLength;
    const big = 'x'.repeat(200_000) + '\u00e9';
    expect(echo(big)).to.equal(big);
    expect(core.memory.buffer.byteLength).to.be.greaterThan(pages);
  });

  it('sum a list<u32> from a typed array and from an array', () => {
    const sum = liftedExport(t, t.func([t.listOf(t.prim('u32'))], t.prim('u32')), core, core['sum'] as Function);
    expect(sum(Uint32Array.from({ length: 1000 }, (_, i) => i))).to.equal(499500);
    expect(sum([1, 2, 3])).to.equal(6);
    expect(sum([])).to.equal(0);
    expect(() => sum([1, -1])).to.throw(TypeError, 'u32');
    expect(() => sum(5)).to.throw(TypeError, 'expected an iterable for list<u32>, found the number 5');
  });

  it('round-trips a record flat in and through the return area out', () => {
    const point = t.record({ id: t.prim('u32'), x: t.prim('f64'), y: t.prim('f64'), on: t.prim('bool') });
    const f = liftedExport(t, t.func([point], point), core, core['point'] as Function);
    expect(f({ id: 7, x: 1.5, y: -2, on: true })).to.deep.equal(NULL_PROTO({ id: 7, x: 1.5, y: -2, on: true }));
  });

  it('spills 17 params into realloc-ed memory', () => {
    const u32 = t.prim('u32');
    const f = liftedExport(t, t.func(Array.from({ length: 17 }, () => u32), u32), core, core['sum17'] as Function);
    expect(f(...Array.from({ length: 17 }, (_, i) => i + 1))).to.equal(153);
  });

  it('lift a tuple<u32, u64> from the return pointer at its layout (u64 at offset 8)', () => {
    const f = liftedExport(t, t.func([], t.tuple(t.prim('u32'), t.prim('u64'))), core, core['pair'] as Function);
    expect(f()).to.deep.equal([7, 2n ** 40n]);
  });

  it('pass i32 and f32 variant cases flat with their bit patterns joined to i32', () => {
    const v = t.variant({ i: t.prim('u32'), f: t.prim('f32') });
    const seen: unknown[][] = [];
    const f = liftedExport(t, t.func([v], null), core, (...args: unknown[]) => {
      seen.push(args);
    });
    f({ kind: 'F', value: 1 });
    f({ kind: 'I', value: 0xffffffff });
    expect(seen[0]).to.deep.equal([1, 0x3f800000]);
    expect(seen[1]).to.deep.equal([0, 0xffffffff]);
    // u32 | f64 joins to i64; f64 goes as its bits, u32 zero-extended.
    const w = t.variant({ i: t.prim('u32'), d: t.prim('f64'), e: null });
    const g = liftedExport(t, t.func([w], null), core, (...args: unknown[]) => {
      seen.push(args);
    });
    g({ kind: 'D', value: 1 });
    g({ kind: 'I', value: 0xffffffff });
    g({ kind: 'E' });
    expect(seen.slice(2)).to.deep.equal([[1, 0x3ff0000000000000n], [0, 0xffffffffn], [2, 0n]]);
  });

  it('store variants, flags and enums in memory at the spec layout', () => {
    // result<u8, u64> in a record with a string: the result is stored with a 1-byte
    // discriminant and its payload at offset 8.
    const rec = t.record({ r: t.result(t.prim('u8'), t.prim('u64')), f: t.def({ kind: 'flags', names: Array.from({ length: 33 }, (_, i) => `f${i}`) }), e: t.def({ kind: 'enum', names: ['a', 'b', 'c'] }) });
    let at = -1;
    const host = (): unknown => ({ r: { kind: 'Err', value: 0x0102030405060708n }, f: { f0: true, f32: true }, e: 'c' });
    const imp = loweredImport(t, t.func([], rec), core, host);
    at = core.cabi_realloc(0, 0, 8, 64);
    imp(at);
    const view = new DataView(core.memory.buffer);
    expect(view.getUint8(at)).to.equal(1);
    expect(view.getBigUint64(at + 8, true)).to.equal(0x0102030405060708n);
    expect(view.getUint32(at + 16, true)).to.equal(1);
    expect(view.getUint32(at + 20, true)).to.equal(1);
    expect(view.getUint8(at + 24)).to.equal(2);
  });

  it('lower an import result through the return pointer the guest passes', () => {
    const s = t.prim('string');
    const imp = loweredImport(t, t.func([s, t.prim('u32')], t.tuple(s, t.prim('u32'))), core, (text: string, n: number) => [text.toUpperCase(), n * 2]);
    const mem = new Uint8Array(core.memory.buffer);
    mem.set(new TextEncoder().encode('abc'), 200);
    imp(200, 3, 21, 300);
    const view = new DataView(core.memory.buffer);
    const ptr = view.getUint32(300, true);
    expect(view.getUint32(304, true)).to.equal(3);
    expect(new TextDecoder().decode(new Uint8Array(core.memory.buffer, ptr, 3))).to.equal('ABC');
    expect(view.getUint32(308, true)).to.equal(42);
  });

  it('pass resources to the callbacks with their slot, in both directions', () => {
    const own = t.def({ kind: 'own', resource: resourceId(5), type: 0 as never });
    const borrow = t.def({ kind: 'borrow', resource: resourceId(9), type: 0 as never });
    const env = resourceEnv();
    const exp = generateLiftedExport(t.list, t.func([borrow, own], own), opts());
    expect(exp.resources).to.deep.equal([9, 5]);
    const f = liftedExport(t, t.func([borrow, own], own), core, (a: number, b: number) => {
      expect([a, b]).to.deep.equal([0, 1]);
      return b;
    }, opts(), env);
    expect(f('B', 'O')).to.deep.equal({ slot: 1, own: 'O' });
    expect(env.table).to.deep.equal([{ slot: 0, borrow: 'B' }, { slot: 1, own: 'O' }]);
  });

  it('give equal keys to structurally equal signatures and different keys otherwise', () => {
    const a = t.func([t.record({ x: t.prim('u32') })], t.prim('string'));
    const b = t.func([t.record({ x: t.prim('u32') })], t.prim('string'));
    const c = t.func([t.record({ y: t.prim('u32') })], t.prim('string'));
    const key = (f: typeof a): string => signatureKey(t.list, f, 'lifted-export', opts());
    expect(key(a)).to.equal(key(b));
    expect(key(a)).to.not.equal(key(c));
    expect(signatureKey(t.list, a, 'lifted-export', opts({ stringEncoding: 'utf16' }))).to.not.equal(key(a));
    const own = (r: number): ComponentValType => t.def({ kind: 'own', resource: resourceId(r), type: 0 as never });
    expect(key(t.func([own(1)], null))).to.equal(key(t.func([own(2)], null)));
    expect(generateLiftedExport(t.list, a, opts()).source).to.equal(generateLiftedExport(t.list, b, opts()).source);
  });
});

describe('TrampolineCache.canonicalTrampoline', () => {
  it('generates and compiles once per key, and gives each signature its own resource slots', async () => {
    const { TrampolineCache } = await import('../../src/trampolines/trampoline-cache.js');
    const cache = new TrampolineCache();
    const t = new Types();
    const own = (r: number): ReturnType<Types['prim']> => t.def({ kind: 'own', resource: resourceId(r), type: 0 as never });
    const a = cache.canonicalTrampoline('lifted-export', t.list, t.func([own(3), own(4)], own(3)), opts());
    const b = cache.canonicalTrampoline('lifted-export', t.list, t.func([own(8), own(6)], own(8)), opts());
    expect(b.factory).to.equal(a.factory);
    expect(a.trampoline.resources).to.deep.equal([3, 4]);
    expect(b.trampoline.resources).to.deep.equal([8, 6]);
    const c = cache.canonicalTrampoline('lowered-import', t.list, t.func([own(8), own(6)], own(8)), opts());
    expect(c.factory).to.not.equal(a.factory);
    const core = await coreInstance();
    const env = resourceEnv();
    const trap = (): never => {
      throw new Error('trap');
    };
    const f = b.factory({ callee: (x: number) => x, trap, memory: core.memory, ...env });
    expect(f('p', 'q')).to.deep.equal({ slot: 0, own: 'p' });
    expect(env.table).to.deep.equal([{ slot: 0, own: 'p' }, { slot: 1, own: 'q' }]);
  });

  it('compiles a factory on its first call only, so an unused trampoline costs no compile', async () => {
    const { TrampolineCache } = await import('../../src/trampolines/trampoline-cache.js');
    const cache = new TrampolineCache();
    const t = new Types();
    const core = await coreInstance();
    const u32 = t.prim('u32');
    // `new Function` reads the global binding when it runs, so counting constructs through it
    // counts the factories compiled.
    const original = globalThis.Function;
    let compiles = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args: string[]) {
        compiles++;
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      const { factory } = cache.canonicalTrampoline('lifted-export', t.list, t.func([u32, u32], u32), opts());
      expect(compiles).to.equal(0);
      const trap = (): never => {
        throw new Error('trap');
      };
      const add = factory({ callee: core['add'] as Function, trap, memory: core.memory });
      expect(compiles).to.equal(1);
      expect(add(2, 40)).to.equal(42);
      factory({ callee: core['add'] as Function, trap, memory: core.memory });
      expect(compiles).to.equal(1);
    } finally {
      globalThis.Function = original;
    }
  });

  it('keeps a lowered import spilling beyond another flat-params limit, and a store-result, apart and once per key', async () => {
    const { TrampolineCache } = await import('../../src/trampolines/trampoline-cache.js');
    const cache = new TrampolineCache();
    const t = new Types();
    const u32 = t.prim('u32');
    const type = t.func([u32, u32, u32, u32, u32], null);
    const flat = cache.canonicalTrampoline('lowered-import', t.list, type, opts());
    const spilled = cache.canonicalTrampoline('lowered-import', t.list, type, opts(), 4);
    expect(spilled.trampoline.key).to.not.equal(flat.trampoline.key);
    expect(spilled.trampoline.source).to.equal(generateLoweredImport(t.list, type, opts(), 4).source);
    expect(cache.canonicalTrampoline('lowered-import', t.list, type, opts(), 4).factory).to.equal(spilled.factory);
    const store = cache.storeResult(t.list, u32, opts());
    expect(store.trampoline.source).to.equal(generateStoreResult(t.list, u32, opts()).source);
    expect(store.trampoline.key).to.equal(generateStoreResult(t.list, u32, opts()).key);
    expect(cache.storeResult(t.list, u32, opts()).factory).to.equal(store.factory);
  });
});
