import { expect } from 'chai';
import { Component, Config, Engine, Store, component } from '../../src/index.js';
import { compositionWat, type Composition } from './adapter-fixtures.js';

// map<K, V> and list<T, N> are tswasm's own features, off by default, so these engines turn them on.
const engine = new Engine(new Config({ features: { componentModelMap: true, componentModelFixedLengthLists: true } }));

// Instantiates a composition with a host `sink` and returns its `run` and what `sink` received.
function compose(c: Composition, sink: (x: unknown) => unknown): { run: (x: unknown) => unknown; received: unknown[] } {
  const comp = Component.new(engine, compositionWat(c));
  const store = new Store(engine);
  const linker = new component.Linker(engine);
  const received: unknown[] = [];
  linker.root().funcWrap('sink', (_s, x: unknown) => {
    received.push(x);
    return sink(x);
  });
  const run = linker.instantiate(store, comp).getFunc(store, 'run');
  if (run === null) throw new Error('no run export');
  return { run: (x) => run.call(store, [x]), received };
}

// A type used as both param and result, its core shape, and a value and a reply of it.
interface Case {
  readonly name: string;
  readonly type: string;
  readonly typeDefs?: Composition['typeDefs'];
  readonly shape: Composition['shape'];
  readonly value: unknown;
  readonly reply: unknown;
}

const PAIR = { params: ['i32', 'i32'], result: null, spillResult: true };

const CASES: readonly Case[] = [
  { name: 'map<string, u32>', type: '(map string u32)', shape: PAIR, value: new Map([['a', 1], ['b', 2]]), reply: new Map([['z', 26]]) },
  { name: 'map<u8, u64> (entries of 16 bytes)', type: '(map u8 u64)', shape: PAIR, value: new Map([[255, 2n ** 64n - 1n], [0, 7n]]), reply: new Map() },
  { name: 'map<char, bool>', type: '(map char bool)', shape: PAIR, value: new Map([['🍰', true], ['a', false]]), reply: new Map([['☃', true]]) },
  {
    name: 'map<string, map<string, list<u8>>>',
    type: '(map string (map string (list u8)))',
    shape: PAIR,
    value: new Map([['a', new Map([['x', Uint8Array.of(1, 2)], ['y', Uint8Array.of()]])], ['b', new Map()]]),
    reply: new Map([['c', new Map([['z', Uint8Array.of(255)]])]]),
  },
  { name: 'list<u32, 3> (flat)', type: '(list u32 3)', shape: { params: ['i32', 'i32', 'i32'], result: null, spillResult: true }, value: Uint32Array.of(1, 2, 0xffffffff), reply: Uint32Array.of(4, 5, 6) },
  { name: 'list<u8, 1> (one flat value both ways)', type: '(list u8 1)', shape: { params: ['i32'], result: 'i32' }, value: Uint8Array.of(200), reply: Uint8Array.of(7) },
  { name: 'list<string, 2>', type: '(list string 2)', shape: { params: ['i32', 'i32', 'i32', 'i32'], result: null, spillResult: true }, value: ['one', 'tw☃'], reply: ['', 'x'] },
  {
    name: 'list<u32, 17> (spilled params)',
    type: '(list u32 17)',
    shape: { params: new Array<string>(17).fill('i32'), result: null, spillParams: true, spillResult: true },
    value: Uint32Array.from({ length: 17 }, (_, i) => i * 3),
    reply: Uint32Array.from({ length: 17 }, (_, i) => 100 - i),
  },
  {
    name: 'list<list<u16, 2>, 3>',
    type: '(list (list u16 2) 3)',
    shape: { params: new Array<string>(6).fill('i32'), result: null, spillResult: true },
    value: [Uint16Array.of(1, 2), Uint16Array.of(3, 4), Uint16Array.of(65535, 0)],
    reply: [Uint16Array.of(9, 8), Uint16Array.of(7, 6), Uint16Array.of(5, 4)],
  },
  { name: 'list<list<u8, 3>>', type: '(list (list u8 3))', shape: PAIR, value: [Uint8Array.of(1, 2, 3), Uint8Array.of(4, 5, 6)], reply: [Uint8Array.of(7, 8, 9)] },
  {
    name: 'record with a list<u64, 2> after a u8 (aligned to 8)',
    type: '$r',
    typeDefs: [{ name: 'r', def: '(record (field "a" u8) (field "b" (list u64 2)) (field "m" (map u32 string)))' }],
    shape: { params: ['i32', 'i64', 'i64', 'i32', 'i32'], result: null, spillResult: true },
    value: { a: 1, b: BigUint64Array.of(2n, 2n ** 64n - 1n), m: new Map([[3, 'three']]) },
    reply: { a: 9, b: BigUint64Array.of(0n, 1n), m: new Map() },
  },
  {
    name: 'option<list<f32, 2>>',
    type: '(option (list f32 2))',
    shape: { params: ['i32', 'f32', 'f32'], result: null, spillResult: true },
    value: Float32Array.of(1.5, -2),
    reply: undefined,
  },
];

function caseComposition(c: Case): Composition {
  return { typeDefs: c.typeDefs ?? [], params: `(param "x" ${c.type})`, result: `(result ${c.type})`, shape: c.shape };
}

// Records come back as null-prototype objects.
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof Map || Array.isArray(value)) return value;
  return { ...value };
}

describe('map and fixed-length lists between components', () => {
  for (const c of CASES) {
    it(`pass a ${c.name} through a fused adapter and its result back`, () => {
      const { run, received } = compose(caseComposition(c), () => c.reply);
      expect(plain(run(c.value))).to.deep.equal(c.reply);
      expect(received.map(plain)).to.deep.equal([c.value]);
    });
  }

  it('merge duplicate keys only where the host lifts a map, the last value winning', () => {
    // The host lowers an iterable of pairs as it is (jit's adapter tests see every entry cross);
    // lifting into a JS Map keeps the last value per key (JS-Reference.md ToJSValueMap).
    const c = CASES[0] as Case;
    const { run, received } = compose(caseComposition(c), () => [['k', 1], ['k', 2], ['j', 3]]);
    expect(run([['a', 1], ['a', 5]])).to.deep.equal(new Map([['k', 2], ['j', 3]]));
    expect(received).to.deep.equal([new Map([['a', 5]])]);
  });

  it('refuse a fixed-length list of the wrong length from the host with a TypeError', () => {
    const { run } = compose(caseComposition(CASES.find((c) => c.name.startsWith('list<u32, 3>')) as Case), (x) => x);
    expect(() => run([1, 2])).to.throw(TypeError, 'expected 3 elements');
    expect(() => run(Uint32Array.of(1, 2, 3, 4))).to.throw(TypeError, 'expected 3 elements');
  });
});

describe('map and fixed-length list features', () => {
  it('are off by default: a component using them does not compile', () => {
    const wat = compositionWat(caseComposition(CASES[0] as Case));
    expect(() => Component.new(new Engine(), wat)).to.throw('maps require the component model map feature');
    const fixed = compositionWat(caseComposition(CASES.find((c) => c.name.startsWith('list<u32, 3>')) as Case));
    expect(() => Component.new(new Engine(), fixed)).to.throw('fixed-length lists require the component model fixed-length lists feature');
  });

  it('make artifacts that only an engine with the same features loads', () => {
    const compiled = Component.new(engine, compositionWat(caseComposition(CASES[0] as Case)));
    const artifact = compiled.serialize();
    expect(() => Component.deserialize(new Engine(), artifact)).to.throw(/componentModelMap/);
    const same = new Engine(new Config({ features: { componentModelMap: true, componentModelFixedLengthLists: true } }));
    const loaded = Component.deserialize(same, artifact);
    const store = new Store(same);
    const linker = new component.Linker(same);
    linker.root().funcWrap('sink', (_s, x: unknown) => x);
    const run = linker.instantiate(store, loaded).getFunc(store, 'run');
    expect(run?.call(store, [new Map([['q', 4]])])).to.deep.equal(new Map([['q', 4]]));
  });

  it('type-check TypedFunc signatures of maps and fixed-length lists', () => {
    const store = new Store(engine);
    const linker = new component.Linker(engine);
    linker.root().funcWrap('sink', (_s, x: unknown) => x);
    const fixed = CASES.find((c) => c.name.startsWith('list<u32, 3>')) as Case;
    const instance = linker.instantiate(store, Component.new(engine, compositionWat(caseComposition(fixed))));
    const run = instance.getTypedFunc(store, 'run', { params: [{ list: 'u32', length: 3 }], result: { list: 'u32', length: 3 } });
    expect(run?.call(store, Uint32Array.of(7, 8, 9))).to.deep.equal(Uint32Array.of(7, 8, 9));
    expect(() => instance.getTypedFunc(store, 'run', { params: [{ list: 'u32' }], result: { list: 'u32', length: 3 } })).to.throw(TypeError, 'a list of length 3');
    const mapStore = new Store(engine);
    const mapLinker = new component.Linker(engine);
    mapLinker.root().funcWrap('sink', (_s, x: unknown) => x);
    const mapInstance = mapLinker.instantiate(mapStore, Component.new(engine, compositionWat(caseComposition(CASES[0] as Case))));
    const runMap = mapInstance.getTypedFunc(mapStore, 'run', { params: [{ map: ['string', 'u32'] }], result: { map: ['string', 'u32'] } });
    expect(runMap?.call(mapStore, new Map([['x', 1]]))).to.deep.equal(new Map([['x', 1]]));
    expect(() => mapInstance.getTypedFunc(mapStore, 'run', { params: [{ map: ['u32', 'u32'] }], result: { map: ['string', 'u32'] } })).to.throw(TypeError);
  });
});
