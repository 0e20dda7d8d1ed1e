import { expect } from 'chai';
import { TRAP_MESSAGES } from '../../src/canonical/abi-options.js';
import { coreInstance, liftedExport, loweredImport, opts, TestTrap, Types } from './canonical-fixtures.js';
import type { CoreExports } from './canonical-fixtures.js';

function expectTrap(f: () => unknown, code: 'MemoryOutOfBounds' | null, message: string): void {
  let caught: unknown = null;
  try {
    f();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'a trap').to.be.instanceOf(TestTrap);
  expect((caught as TestTrap).code).to.equal(code);
  expect((caught as TestTrap).message).to.equal(message);
}

describe('canonical trampolines: guest faults trap, host misuse throws', () => {
  let core: CoreExports;
  let t: Types;
  let bytes: Uint8Array;
  let view: DataView;
  let host: unknown[];
  const record = (...args: unknown[]): undefined => {
    host.push(args);
    return undefined;
  };
  beforeEach(async () => {
    core = await coreInstance();
    t = new Types();
    bytes = new Uint8Array(core.memory.buffer);
    view = new DataView(core.memory.buffer);
    host = [];
  });

  it('traps on invalid utf-8, short or long', () => {
    const imp = loweredImport(t, t.func([t.prim('string')], null), core, record);
    bytes.set([0x61, 0xff, 0x62], 200);
    expectTrap(() => imp(200, 3), null, TRAP_MESSAGES.utf8);
    bytes.set(new Uint8Array(100).fill(0x61), 300);
    bytes[399] = 0xc3;
    expectTrap(() => imp(300, 100), null, TRAP_MESSAGES.utf8);
    expect(host).to.deep.equal([]);
  });

  it('traps on lone surrogates in utf16 and in tagged latin1+utf16', () => {
    view.setUint16(200, 0xd800, true);
    view.setUint16(202, 0x61, true);
    const utf16 = loweredImport(t, t.func([t.prim('string')], null), core, record, opts({ stringEncoding: 'utf16' }));
    expectTrap(() => utf16(200, 2), null, TRAP_MESSAGES.utf16);
    const compact = loweredImport(t, t.func([t.prim('string')], null), core, record, opts({ stringEncoding: 'latin1+utf16' }));
    expectTrap(() => compact(200, (2 | 0x80000000) | 0), null, TRAP_MESSAGES.utf16);
    // Untagged, the same bytes are four Latin-1 characters.
    compact(200, 4);
    expect(host).to.deep.equal([['\u0000\u00d8a\u0000']]);
  });

  it('traps when a string or list lies outside memory, including past 4 GiB', () => {
    const size = core.memory.buffer.byteLength;
    const str = loweredImport(t, t.func([t.prim('string')], null), core, record);
    expectTrap(() => str(size - 2, 3), 'MemoryOutOfBounds', TRAP_MESSAGES.stringOutOfBounds);
    expectTrap(() => str(-1, 2), 'MemoryOutOfBounds', TRAP_MESSAGES.stringOutOfBounds);
    str(size - 3, 3);
    const list = loweredImport(t, t.func([t.listOf(t.prim('u32'))], null), core, record);
    expectTrap(() => list(size - 8, 3), 'MemoryOutOfBounds', TRAP_MESSAGES.listOutOfBounds);
    expectTrap(() => list(0, 0x40000001), 'MemoryOutOfBounds', TRAP_MESSAGES.listOutOfBounds);
    const strings = loweredImport(t, t.func([t.listOf(t.prim('string'))], null), core, record);
    view.setUint32(200, size - 1, true);
    view.setUint32(204, 2, true);
    expectTrap(() => strings(200, 1), 'MemoryOutOfBounds', TRAP_MESSAGES.stringOutOfBounds);
  });

  it('traps on misaligned pointers: lists, utf16 strings, return and spill pointers', () => {
    const list = loweredImport(t, t.func([t.listOf(t.prim('u16'))], null), core, record);
    expectTrap(() => list(201, 1), null, TRAP_MESSAGES.listUnaligned);
    const utf16 = loweredImport(t, t.func([t.prim('string')], null), core, record, opts({ stringEncoding: 'utf16' }));
    expectTrap(() => utf16(201, 1), null, TRAP_MESSAGES.stringUnaligned);
    const pair = t.tuple(t.prim('u32'), t.prim('u64'));
    const exp = liftedExport(t, t.func([], pair), core, () => 4);
    expectTrap(() => exp(), null, TRAP_MESSAGES.unaligned);
    const outside = liftedExport(t, t.func([], pair), core, () => core.memory.buffer.byteLength - 8);
    expectTrap(() => outside(), 'MemoryOutOfBounds', TRAP_MESSAGES.pointerOutOfBounds);
    const imp = loweredImport(t, t.func([], pair), core, () => [1, 2n]);
    expectTrap(() => imp(12), null, TRAP_MESSAGES.unaligned);
    const u32 = t.prim('u32');
    const spilled = loweredImport(t, t.func(Array.from({ length: 17 }, () => u32), null), core, record);
    expectTrap(() => spilled(2), null, TRAP_MESSAGES.unaligned);
    expectTrap(() => spilled(core.memory.buffer.byteLength - 64), 'MemoryOutOfBounds', TRAP_MESSAGES.pointerOutOfBounds);
  });

  it('traps when realloc returns a misaligned or out-of-bounds pointer', () => {
    const f = liftedExport(t, t.func([t.listOf(t.prim('u32'))], null), core, record, opts(), { realloc: () => 2 });
    expectTrap(() => f([1]), null, TRAP_MESSAGES.reallocUnaligned);
    const g = liftedExport(t, t.func([t.prim('string')], null), core, record, opts(), { realloc: () => core.memory.buffer.byteLength - 1 });
    expectTrap(() => g('abc'), 'MemoryOutOfBounds', TRAP_MESSAGES.reallocOutOfBounds);
  });

  it('traps on bad discriminants of variants, options, results and enums, flat and in memory', () => {
    const v = t.variant({ a: t.prim('u32'), b: null });
    expectTrap(() => loweredImport(t, t.func([v], null), core, record)(2, 0), null, 'unexpected discriminant: 2');
    expectTrap(() => loweredImport(t, t.func([t.option(t.prim('u8'))], null), core, record)(2, 0), null, TRAP_MESSAGES.optionDiscriminant);
    expectTrap(() => loweredImport(t, t.func([t.result(null, null)], null), core, record)(-1), null, TRAP_MESSAGES.resultDiscriminant);
    const e = t.def({ kind: 'enum', names: ['x', 'y', 'z'] });
    expectTrap(() => loweredImport(t, t.func([e], null), core, record)(3), null, 'unexpected discriminant: 3');
    bytes[200] = 7;
    expectTrap(() => loweredImport(t, t.func([t.listOf(v)], null), core, record)(200, 1), null, 'unexpected discriminant: 7');
    expectTrap(() => loweredImport(t, t.func([t.listOf(e)], null), core, record)(200, 1), null, 'unexpected discriminant: 7');
    expect(host).to.deep.equal([]);
  });

  it('traps on char values that are surrogates or beyond U+10FFFF', () => {
    const c = loweredImport(t, t.func([t.prim('char')], null), core, record);
    expectTrap(() => c(0xd800), null, TRAP_MESSAGES.char);
    expectTrap(() => c(0xdfff), null, TRAP_MESSAGES.char);
    expectTrap(() => c(0x110000), null, TRAP_MESSAGES.char);
    expectTrap(() => c(-1), null, TRAP_MESSAGES.char);
    c(0x10ffff);
    c(0xe000);
    expect(host).to.deep.equal([['\u{10ffff}'], ['\ue000']]);
    const r = liftedExport(t, t.func([], t.prim('char')), core, () => 0xd900);
    expectTrap(() => r(), null, TRAP_MESSAGES.char);
  });

  it('lifts a nonzero bool as true and ignores flag bits beyond the labels, as the spec does', () => {
    const f = loweredImport(t, t.func([t.prim('bool'), t.def({ kind: 'flags', names: ['a', 'b'] })], null), core, record);
    f(2, -1);
    expect(host).to.deep.equal([[true, Object.assign(Object.create(null) as object, { a: true, b: true })]]);
  });

  it('throws TypeError for host values of the wrong type or range', () => {
    const ignore = (): undefined => undefined;
    const call = (type: ReturnType<Types['prim']>, value: unknown): unknown => liftedExport(t, t.func([type], null), core, ignore)(value);
    expect(() => call(t.prim('char'), 'ab')).to.throw(TypeError, 'one unicode scalar value');
    expect(() => call(t.prim('char'), '\ud800')).to.throw(TypeError, 'one unicode scalar value');
    expect(() => call(t.prim('char'), '')).to.throw(TypeError, 'one unicode scalar value');
    expect(() => call(t.prim('s64'), 2n ** 63n)).to.throw(TypeError, 's64');
    expect(() => call(t.prim('u64'), -1n)).to.throw(TypeError, 'u64');
    expect(() => call(t.prim('u64'), 1.5e20)).to.throw(TypeError, 'u64');
    expect(() => call(t.prim('s8'), 128)).to.throw(TypeError, 's8');
    expect(() => call(t.prim('u16'), Infinity)).to.throw(TypeError, 'u16');
    expect(() => call(t.prim('string'), Symbol('s'))).to.throw(TypeError);
    expect(() => call(t.variant({ a: null }), {})).to.throw(TypeError, "expected kind 'A' for variant, found \"undefined\"");
    expect(() => call(t.variant({ a: null }), 'A')).to.throw(TypeError, 'expected an object for variant, found a string');
    expect(() => call(t.record({ a: t.prim('u8') }), null)).to.throw(TypeError, 'expected an object for record, found null');
    expect(() => call(t.def({ kind: 'flags', names: ['a'] }), 1)).to.throw(TypeError, 'expected an object for flags');
    expect(() => call(t.listOf(t.prim('string')), 'abc')).to.throw(TypeError, 'expected an iterable for list<string>, found a string');
    expect(() => call(t.tuple(t.prim('u8')), {})).to.throw(TypeError, 'expected an iterable for tuple<u8>');
  });
});
