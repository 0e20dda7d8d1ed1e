import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../src/index.js';
import { compositionWat, type Composition } from './adapter-fixtures.js';

const engine = new Engine();

// Instantiates a composition with a host `sink` and returns its `run` and what `sink` received.
function compose(c: Composition, sink: (x: unknown) => unknown): { run: (...args: unknown[]) => unknown; received: unknown[] } {
  const comp = Component.new(engine, compositionWat(c));
  const store = new Store(engine);
  const linker = new component.Linker(engine);
  const received: unknown[] = [];
  linker.root().funcWrap('sink', (_s, ...args: unknown[]) => {
    received.push(...args);
    return sink(args[0]);
  });
  const run = linker.instantiate(store, comp).getFunc(store, 'run');
  if (run === null) throw new Error('no run export');
  return { run: (...args) => run.call(store, args), received };
}

// A value type, its core shape, and a value and a reply of it (as the embedding API gives them).
interface Case {
  readonly name: string;
  readonly type: string;
  readonly typeDefs?: Composition['typeDefs'];
  readonly shape: Composition['shape'];
  readonly value: unknown;
  readonly reply: unknown;
}

const I32 = { params: ['i32'], result: 'i32' };
const PAIR = { params: ['i32', 'i32'], result: null, spillResult: true };
// The validator allows at most 32 flags (jit's unit tests cover more words).
const FLAGS9 = Array.from({ length: 9 }, (_, i) => `"f${i}"`).join(' ');
const FLAGS32 = Array.from({ length: 32 }, (_, i) => `"f${i}"`).join(' ');

function flagsValue(n: number, on: (i: number) => boolean): Record<string, boolean> {
  const out: Record<string, boolean> = Object.create(null);
  for (let i = 0; i < n; i++) out[`f${i}`] = on(i);
  return out;
}

const CASES: readonly Case[] = [
  { name: 'bool', type: 'bool', shape: I32, value: true, reply: false },
  { name: 'u8', type: 'u8', shape: I32, value: 255, reply: 7 },
  { name: 's8', type: 's8', shape: I32, value: -128, reply: 127 },
  { name: 'u16', type: 'u16', shape: I32, value: 65535, reply: 1 },
  { name: 's16', type: 's16', shape: I32, value: -32768, reply: 32767 },
  { name: 'u32', type: 'u32', shape: I32, value: 0xffffffff, reply: 0 },
  { name: 's32', type: 's32', shape: I32, value: -0x80000000, reply: 0x7fffffff },
  { name: 'u64', type: 'u64', shape: { params: ['i64'], result: 'i64' }, value: 0xffffffffffffffffn, reply: 1n },
  { name: 's64', type: 's64', shape: { params: ['i64'], result: 'i64' }, value: -0x8000000000000000n, reply: 0x7fffffffffffffffn },
  { name: 'f32', type: 'f32', shape: { params: ['f32'], result: 'f32' }, value: 1.5, reply: -0.25 },
  { name: 'f64', type: 'f64', shape: { params: ['f64'], result: 'f64' }, value: Math.PI, reply: -1e300 },
  { name: 'char', type: 'char', shape: I32, value: '🍰', reply: 'ÿ' },
  { name: 'string', type: 'string', shape: PAIR, value: 'héllo ☃ 🍰', reply: 'back' },
  { name: 'list<u8>', type: '(list u8)', shape: PAIR, value: Uint8Array.of(1, 2, 255), reply: Uint8Array.of() },
  { name: 'list<s64>', type: '(list s64)', shape: PAIR, value: BigInt64Array.of(-1n, 2n), reply: BigInt64Array.of(3n) },
  { name: 'list<f64>', type: '(list f64)', shape: PAIR, value: Float64Array.of(0.5, -2), reply: Float64Array.of(1) },
  { name: 'list<bool>', type: '(list bool)', shape: PAIR, value: [true, false, true], reply: [false] },
  { name: 'list<char>', type: '(list char)', shape: PAIR, value: ['a', '☃'], reply: ['🍰'] },
  { name: 'list<string>', type: '(list string)', shape: PAIR, value: ['a', '', 'ÿ☃'], reply: ['z'] },
  {
    name: 'list<record>',
    type: '(list $r)',
    typeDefs: [{ name: 'r', def: '(record (field "a" u8) (field "s" string))' }],
    shape: PAIR,
    value: [{ a: 1, s: 'one' }, { a: 2, s: 'two' }],
    reply: [],
  },
  {
    name: 'record',
    type: '$r',
    typeDefs: [{ name: 'r', def: '(record (field "a" u8) (field "s" string) (field "f" f64))' }],
    shape: { params: ['i32', 'i32', 'i32', 'f64'], result: null, spillResult: true },
    value: { a: 3, s: 'x', f: 0.5 },
    reply: { a: 4, s: 'yy', f: -1 },
  },
  { name: 'tuple', type: '(tuple u8 s64 string)', shape: { params: ['i32', 'i64', 'i32', 'i32'], result: null, spillResult: true }, value: [1, -2n, 'three'], reply: [4, 5n, ''] },
  {
    name: 'variant',
    type: '$v',
    typeDefs: [{ name: 'v', def: '(variant (case "a" u8) (case "b" string) (case "c" f64) (case "d"))' }],
    shape: { params: ['i32', 'i64', 'i32'], result: null, spillResult: true },
    value: { kind: 'C', value: 2.5 },
    reply: { kind: 'B', value: 'bee' },
  },
  { name: 'enum', type: '$e', typeDefs: [{ name: 'e', def: '(enum "red" "green" "blue")' }], shape: I32, value: 'blue', reply: 'green' },
  { name: 'option<string>', type: '(option string)', shape: { params: ['i32', 'i32', 'i32'], result: null, spillResult: true }, value: 'some', reply: undefined },
  { name: 'result<u32, string>', type: '(result u32 (error string))', shape: { params: ['i32', 'i32', 'i32'], result: null, spillResult: true }, value: { kind: 'Err', value: 'bad' }, reply: { kind: 'Ok', value: 9 } },
  { name: 'flags (3)', type: '$f', typeDefs: [{ name: 'f', def: '(flags "a" "b" "c")' }], shape: I32, value: { a: true, b: false, c: true }, reply: { a: false, b: true, c: false } },
  { name: 'flags (9)', type: '$f', typeDefs: [{ name: 'f', def: `(flags ${FLAGS9})` }], shape: I32, value: flagsValue(9, (i) => i % 3 === 0), reply: flagsValue(9, (i) => i === 8) },
  { name: 'flags (32)', type: '$f', typeDefs: [{ name: 'f', def: `(flags ${FLAGS32})` }], shape: I32, value: flagsValue(32, (i) => i % 2 === 0), reply: flagsValue(32, (i) => i === 31) },
];

function caseComposition(c: Case, extra: Partial<Composition> = {}): Composition {
  return { typeDefs: c.typeDefs ?? [], params: `(param "x" ${c.type})`, result: `(result ${c.type})`, shape: c.shape, ...extra };
}

describe('fused adapters', () => {
  for (const c of CASES) {
    it(`pass a ${c.name} to the callee and its result back`, () => {
      const { run, received } = compose(caseComposition(c), () => c.reply);
      expect(run(c.value)).to.deep.equal(c.reply);
      expect(received).to.deep.equal([c.value]);
    });
  }

  it('pass NaN floats both ways', () => {
    const f32 = compose(caseComposition(CASES.find((c) => c.name === 'f32') as Case), () => NaN);
    expect(f32.run(NaN)).to.be.NaN;
    expect(f32.received[0]).to.be.NaN;
    const f64 = compose(caseComposition(CASES.find((c) => c.name === 'f64') as Case), () => NaN);
    expect(f64.run(NaN)).to.be.NaN;
  });

  for (const caller of ['utf8', 'utf16', 'latin1+utf16']) {
    for (const callee of ['utf8', 'utf16', 'latin1+utf16']) {
      it(`pass strings from a ${caller} caller to a ${callee} callee and back`, () => {
        for (const s of ['', 'ascii', 'latin1 ÿé', 'snow ☃', 'cake 🍰 ÿ']) {
          const { run, received } = compose({ params: '(param "x" string)', result: '(result string)', shape: PAIR, callerEncoding: caller, calleeEncoding: callee }, (x) => `${x as string}!☃`);
          expect(run(s)).to.equal(`${s}!☃`);
          expect(received).to.deep.equal([s]);
        }
      });
    }
  }

  it('run from an artifact loaded into another engine, whose adapter code comes from the artifact', () => {
    const wat = compositionWat({ params: '(param "x" string)', result: '(result string)', shape: PAIR, callerEncoding: 'utf16', calleeEncoding: 'latin1+utf16' });
    const compiled = Component.new(engine, wat);
    expect(compiled.trampolines.adapters.size).to.be.greaterThan(0);
    // A new engine's trampoline cache is empty: the adapters' factories can only come from the artifact.
    const other = new Engine();
    const loaded = Component.deserialize(other, compiled.serialize());
    for (const [index, prepared] of loaded.trampolines.adapters) {
      expect(prepared.trampoline.source).to.equal(compiled.trampolines.adapters.get(index)?.trampoline.source);
    }
    const store = new Store(other);
    const linker = new component.Linker(other);
    linker.root().funcWrap('sink', (_s, x: unknown) => `${x as string}!`);
    const run = linker.instantiate(store, loaded).getFunc(store, 'run');
    expect(run?.call(store, ['snow ☃ ÿ'])).to.equal('snow ☃ ÿ!');
  });

  it('pass spilled params (more than 16 flat values) through the callee realloc', () => {
    const params = Array.from({ length: 17 }, (_, i) => `(param "p${i}" u32)`).join(' ');
    const comp = Component.new(engine, compositionWat({ params, result: '(result u32)', shape: { params: new Array(17).fill('i32'), result: 'i32', spillParams: true } }));
    const store = new Store(engine);
    const linker = new component.Linker(engine);
    linker.root().funcWrap('sink', (_s, ...args: unknown[]) => (args as number[]).reduce((a, b) => a + b, 0));
    const run = linker.instantiate(store, comp).getFunc(store, 'run');
    expect(run?.call(store, Array.from({ length: 17 }, (_, i) => i))).to.equal(136);
  });

  it("run the callee's post-return after the result is copied, with no calls out", () => {
    const post = '(post-return (core func $m "post"))';
    const core = '(func (export "post") (param i32) (memory.fill (i32.const 0) (i32.const 0) (i32.const 4096)))';
    const { run } = compose({ params: '(param "x" string)', result: '(result string)', shape: PAIR, calleeLiftExtra: post, calleeCore: core }, () => 'kept');
    expect(run('x')).to.equal('kept');
    expect(run('y')).to.equal('kept');
  });

  it('trap when post-return calls out, with wasmtime\'s message', () => {
    const post = '(post-return (core func $m "post"))';
    const core = '(func (export "post") (param i32) (drop (call $f (i32.const 1))))';
    const { run } = compose({ params: '(param "x" u32)', result: '(result u32)', shape: I32, calleeLiftExtra: post, calleeCore: core }, () => 1);
    expect(() => run(1)).to.throw(Error, 'cannot leave component instance');
  });

  it('leave both instances unenterable after the callee traps', () => {
    const { run } = compose({ params: '(param "x" u32)', result: '(result u32)', shape: I32 }, () => {
      throw new Error('host failure');
    });
    expect(() => run(1)).to.throw('host failure');
    expect(() => run(1)).to.throw(Trap, 'cannot enter component instance');
  });
});

// A callee taking `param` (core params `core`, no result) and a caller whose `run` calls it with
// the core arguments `args`; `calleeRealloc` replaces the callee's realloc body.
function badCall(param: string, core: string, args: string, opts: { callerEncoding?: string; calleeRealloc?: string } = {}): () => unknown {
  const realloc = opts.calleeRealloc ?? '(i32.const 1024)';
  const c = Component.new(engine, `(component
    (component $C
      (core module $M
        (memory (export "memory") 1)
        (func (export "realloc") (param i32 i32 i32 i32) (result i32) ${realloc})
        (func (export "f") (param ${core})))
      (core instance $m (instantiate $M))
      (func (export "f") (param "x" ${param}) (canon lift (core func $m "f") (memory (core memory $m "memory")) (realloc (core func $m "realloc")))))
    (component $D
      (import "f" (func $f (param "x" ${param})))
      (core module $Mem (memory (export "memory") 1))
      (core instance $mem (instantiate $Mem))
      (core func $f' (canon lower (func $f) (memory (core memory $mem "memory")) string-encoding=${opts.callerEncoding ?? 'utf8'}))
      (core module $M
        (import "" "f" (func $f (param ${core})))
        (import "" "memory" (memory 1))
        (data (i32.const 64) "\\ff\\00\\00\\d8")
        (func (export "run") (call $f ${args})))
      (core instance $m (instantiate $M (with "" (instance (export "f" (func $f')) (export "memory" (memory $mem "memory"))))))
      (func (export "run") (canon lift (core func $m "run"))))
    (instance $c (instantiate $C))
    (instance $d (instantiate $D (with "f" (func $c "f"))))
    (func (export "run") (alias export $d "run")))`);
  const store = new Store(engine);
  const run = new component.Linker(engine).instantiate(store, c).getFunc(store, 'run');
  return () => run?.call(store, []);
}

describe('fused adapter traps', () => {
  it('trap on an invalid char', () => {
    expect(badCall('char', 'i32', '(i32.const 0xd800)')).to.throw(Trap, 'invalid `char` bit pattern').with.property('code', 'InvalidChar');
  });

  it('trap on a bad option discriminant', () => {
    const run = badCall('(option u8)', 'i32 i32', '(i32.const 2) (i32.const 0)');
    expect(run).to.throw(Trap, 'invalid variant discriminant').with.property('code', 'InvalidDiscriminant');
  });

  it('trap on a string outside memory', () => {
    expect(badCall('string', 'i32 i32', '(i32.const 65530) (i32.const 100)')).to.throw(Trap, 'string content out-of-bounds').with.property('code', 'StringOutOfBounds');
  });

  it('trap on an unaligned utf16 string', () => {
    expect(badCall('string', 'i32 i32', '(i32.const 65) (i32.const 1)', { callerEncoding: 'utf16' })).to.throw(Trap, 'unaligned pointer').with.property('code', 'UnalignedPointer');
  });

  it('trap on invalid utf-8 and on a lone utf-16 surrogate with wasmtime\'s messages and no trap code', () => {
    expect(badCall('string', 'i32 i32', '(i32.const 64) (i32.const 1)')).to.throw(Trap, 'invalid utf8 encoding').with.property('code', null);
    expect(badCall('string', 'i32 i32', '(i32.const 66) (i32.const 1)', { callerEncoding: 'utf16' })).to.throw(Trap, 'invalid utf16 encoding').with.property('code', null);
  });

  it('trap when the callee realloc returns a pointer outside memory or unaligned', () => {
    expect(badCall('(list u32)', 'i32 i32', '(i32.const 64) (i32.const 2)', { calleeRealloc: '(i32.const 65532)' })).to.throw(Trap, 'list content out-of-bounds').with.property('code', 'ListOutOfBounds');
    expect(badCall('(list u32)', 'i32 i32', '(i32.const 64) (i32.const 2)', { calleeRealloc: '(i32.const 1026)' })).to.throw(Trap, 'unaligned pointer');
  });

  it('trap on re-entering a callee that is running', () => {
    // Two callers of one callee: the host, called by the callee, calls the second caller.
    const c = Component.new(engine, `(component
      (import "sink" (func $sink))
      (component $C
        (import "sink" (func $sink))
        (core func $sink' (canon lower (func $sink)))
        (core module $M (import "" "sink" (func $sink)) (func (export "f") (call $sink)))
        (core instance $m (instantiate $M (with "" (instance (export "sink" (func $sink'))))))
        (func (export "f") (canon lift (core func $m "f"))))
      (component $D
        (import "f" (func $f))
        (core func $f' (canon lower (func $f)))
        (core module $M (import "" "f" (func $f)) (func (export "run") (call $f)))
        (core instance $m (instantiate $M (with "" (instance (export "f" (func $f'))))))
        (func (export "run") (canon lift (core func $m "run"))))
      (instance $c (instantiate $C (with "sink" (func $sink))))
      (instance $d1 (instantiate $D (with "f" (func $c "f"))))
      (instance $d2 (instantiate $D (with "f" (func $c "f"))))
      (func (export "run1") (alias export $d1 "run"))
      (func (export "run2") (alias export $d2 "run")))`);
    const store = new Store(engine);
    const linker = new component.Linker(engine);
    let inner: unknown = null;
    let instance: component.Instance | null = null;
    let depth = 0;
    linker.root().funcWrap('sink', (s) => {
      if (depth++ > 0) return;
      try {
        instance?.getFunc(s, 'run2')?.call(s, []);
      } catch (error) {
        inner = error;
      }
    });
    instance = linker.instantiate(store, c);
    instance.getFunc(store, 'run1')?.call(store, []);
    expect(inner).to.be.instanceOf(Trap).with.property('code', 'CannotEnterComponent');
  });
});
