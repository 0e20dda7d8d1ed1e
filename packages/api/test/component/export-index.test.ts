import { expect } from 'chai';
import { Component, Engine, Store, component } from '../../src/index.js';
import { IMPORTS_WAT } from './fixtures.js';

const engine = new Engine();

// A `wasi:cli/run`-shaped export: `run` inside an exported instance, next to a resource type.
const RUN_WAT = `(component
  (core module $m (func (export "run") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
  (core instance $i (instantiate $m))
  (type $r (resource (rep i32)))
  (func $run (param "n" u32) (result u32) (canon lift (core func $i "run")))
  (instance $api (export "run" (func $run)) (export "thing" (type $r)))
  (export "wasi:cli/run@0.2.0" (instance $api))
  (export "top" (func $run)))`;
const guest = Component.new(engine, RUN_WAT);

function instantiate(): { store: Store; instance: component.Instance } {
  const store = new Store(engine);
  return { store, instance: new component.Linker(engine).instantiate(store, guest) };
}

function index(parent: component.ComponentExportIndex | null, name: string, c = guest): component.ComponentExportIndex {
  const found = c.getExportIndex(parent, name);
  if (found === null) throw new Error(`no export ${name}`);
  return found;
}

describe('Component.getExportIndex', () => {
  it('finds a function inside an exported instance, which getFunc then calls by index', () => {
    const run = index(index(null, 'wasi:cli/run@0.2.0'), 'run');
    expect(run).to.be.instanceOf(component.ComponentExportIndex);
    expect(run.item.kind).to.equal('func');
    const { store, instance } = instantiate();
    const func = instance.getFunc(store, run);
    expect(func?.call(store, [41])).to.equal(42);
    expect(func).to.equal(instance.getFunc(store, ['wasi:cli/run@0.2.0', 'run']));
  });

  it('describes an instance export by its exports', () => {
    const api = index(null, 'wasi:cli/run@0.2.0');
    expect(api.item.kind).to.equal('instance');
    if (api.item.kind !== 'instance') return;
    expect(api.item.exports.map((e) => [e.name, e.item.kind])).to.deep.equal([
      ['run', 'func'],
      ['thing', 'resource'],
    ]);
  });

  it('returns null for a missing name, below a non-instance, or below another component’s index', () => {
    expect(guest.getExportIndex(null, 'nope')).to.equal(null);
    expect(guest.getExportIndex(index(null, 'wasi:cli/run@0.2.0'), 'nope')).to.equal(null);
    expect(guest.getExportIndex(index(null, 'top'), 'run')).to.equal(null);
    const other = Component.new(engine, RUN_WAT);
    expect(guest.getExportIndex(index(null, 'wasi:cli/run@0.2.0', other), 'run')).to.equal(null);
  });

  it('refuses a name that is not a string and a parent that is not an index', () => {
    expect(() => guest.getExportIndex(null, 5 as never)).to.throw(TypeError, 'expected an export name, found number');
    expect(() => guest.getExportIndex({} as component.ComponentExportIndex, 'run')).to.throw(TypeError, 'expected a ComponentExportIndex or null');
  });
});

describe('component.Instance.getExportIndex', () => {
  it('finds the same exports as the component, for getFunc and getResource', () => {
    const { store, instance } = instantiate();
    const api = instance.getExportIndex(store, null, 'wasi:cli/run@0.2.0');
    const run = instance.getExportIndex(store, api, 'run');
    expect(run?.export).to.equal(index(index(null, 'wasi:cli/run@0.2.0'), 'run').export);
    expect(run === null ? null : instance.getFunc(store, run)?.call(store, [1])).to.equal(2);
    const thing = instance.getExportIndex(store, api, 'thing');
    expect(thing === null ? null : instance.getResource(store, thing)).to.equal(instance.getResource(store, ['wasi:cli/run@0.2.0', 'thing']));
    expect(thing === null ? null : instance.getResource(store, thing)).to.be.instanceOf(component.ResourceType);
  });

  it('refuses another store', () => {
    const { instance } = instantiate();
    expect(() => instance.getExportIndex(new Store(engine), null, 'top')).to.throw(TypeError, 'different store');
  });
});

describe('component.Instance.getFunc by index', () => {
  it('returns null for another component’s index and for an index of something else', () => {
    const { store, instance } = instantiate();
    expect(instance.getFunc(store, index(null, 'top', Component.new(engine, RUN_WAT)))).to.equal(null);
    expect(instance.getFunc(store, index(null, 'wasi:cli/run@0.2.0'))).to.equal(null);
    expect(instance.getResource(store, index(null, 'top'))).to.equal(null);
  });

  it('refuses what is neither a name, a path nor an index, and a path of non-strings', () => {
    const { store, instance } = instantiate();
    expect(() => instance.getFunc(store, 5 as never)).to.throw(TypeError, 'expected an export name, a path of names or a ComponentExportIndex');
    expect(() => instance.getFunc(store, ['wasi:cli/run@0.2.0', 7] as never)).to.throw(TypeError, 'expected an export name, found number');
  });

  it('refuses another store', () => {
    const { instance } = instantiate();
    expect(() => instance.getFunc(new Store(engine), index(null, 'top'))).to.throw(TypeError, 'different store');
  });
});

describe('Component.componentType', () => {
  it('lists the imports and exports with their types, once', () => {
    const c = Component.new(engine, IMPORTS_WAT);
    const type = c.componentType();
    expect(type.imports.map((i) => [i.name, i.item.kind])).to.deep.equal([['host', 'instance']]);
    expect(type.exports.map((e) => [e.name, e.item.kind])).to.deep.equal([['run', 'func']]);
    expect(c.componentType()).to.equal(type);
  });

  it('survives serialization', () => {
    const c = Component.deserialize(engine, guest.serialize());
    expect(c.componentType()).to.deep.equal(guest.componentType());
  });
});

describe('component.Func.ty', () => {
  it('describes the parameters and results, as params() and results() list them', () => {
    const { store, instance } = instantiate();
    const func = instance.getFunc(store, 'top');
    const u32 = { kind: 'primitive', name: null, type: 'u32' };
    expect(func?.ty()).to.deep.equal({ async: false, params: [{ name: 'n', type: u32 }], result: u32 });
    expect(func?.ty()).to.equal(func?.ty());
    expect(func?.params()).to.deep.equal([{ name: 'n', type: u32 }]);
    expect(func?.results()).to.deep.equal([u32]);
  });

  it('gives no results for a function without result, and names named types', () => {
    const c = Component.new(engine, `(component
      (core module $m (func (export "f") (param i32)))
      (core instance $i (instantiate $m))
      (type $e' (enum "a" "b"))
      (export $e "letter" (type $e'))
      (func (export "f") (param "l" $e) (canon lift (core func $i "f"))))`);
    const store = new Store(engine);
    const func = new component.Linker(engine).instantiate(store, c).getFunc(store, 'f');
    expect(func?.results()).to.deep.equal([]);
    expect(func?.params()).to.deep.equal([{ name: 'l', type: { kind: 'enum', name: 'letter', cases: ['a', 'b'] } }]);
  });
});
