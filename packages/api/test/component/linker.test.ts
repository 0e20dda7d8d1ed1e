import { expect } from 'chai';
import { Component, Engine, LinkError, Store, component } from '../../src/index.js';
import { IMPORTS_WAT } from './fixtures.js';
import { HOST_RESOURCE_WAT } from './resources/fixtures.js';

const engine = new Engine();
const guest = Component.new(engine, IMPORTS_WAT);
const NOT_FOUND = 'but a matching implementation was not found in the linker';

// A component that imports `items` (WAT import declarations) and uses none of them.
function importing(items: string): Component {
  return Component.new(engine, `(component ${items})`);
}

// A component whose `run` calls `log(u32)`, a host function without result.
const LOGGING = Component.new(engine, `(component
  (import "log" (func $log (param "x" u32)))
  (core func $log (canon lower (func $log)))
  (core module $m (import "" "log" (func $log (param i32))) (func (export "run") (call $log (i32.const 42))))
  (core instance $i (instantiate $m (with "" (instance (export "log" (func $log))))))
  (func (export "run") (canon lift (core func $i "run"))))`);

function run(linker: component.Linker<string[]>, store: Store<string[]>, name: string): unknown {
  return linker.instantiate(store, guest).getFunc(store, 'run')?.call(store, [name]);
}

describe('component.Linker.instantiatePre', () => {
  it('resolves the imports once and instantiates into many stores', () => {
    const linker = new component.Linker<string[]>(engine);
    linker.instance('host').funcWrap('greet', (store, name) => {
      store.data.push(String(name));
      return `hi ${String(name)}`;
    });
    const pre = linker.instantiatePre(guest);
    expect(pre).to.be.instanceOf(component.InstancePre);
    expect(pre.component).to.equal(guest);
    const stores = [new Store<string[]>(engine, []), new Store<string[]>(engine, [])];
    const results = stores.map((store, i) => pre.instantiate(store).getFunc(store, 'run')?.call(store, [`s${i}`]));
    expect(results).to.deep.equal(['hi s0', 'hi s1']);
    expect(stores.map((store) => store.data)).to.deep.equal([['s0'], ['s1']]);
  });

  it('keeps the definitions it resolved when the linker changes afterwards', () => {
    const linker = new component.Linker<string[]>(engine).allowShadowing(true);
    linker.instance('host').funcWrap('greet', () => 'old');
    const pre = linker.instantiatePre(guest);
    linker.instance('host').funcWrap('greet', () => 'new');
    const store = new Store<string[]>(engine, []);
    expect(pre.instantiate(store).getFunc(store, 'run')?.call(store, ['x'])).to.equal('old');
    expect(run(linker, store, 'x')).to.equal('new');
  });

  it('reports a missing import without a store', () => {
    expect(() => new component.Linker(engine).instantiatePre(guest)).to.throw(LinkError, `component imports instance \`host\`, ${NOT_FOUND}`);
  });

  it('refuses a component of another engine, and what is not a component', () => {
    expect(() => new component.Linker(new Engine()).instantiatePre(guest)).to.throw(TypeError, 'different engines');
    expect(() => new component.Linker(engine).instantiatePre({} as Component)).to.throw(TypeError, 'expected a component.Component');
  });

  it('refuses a store of another engine', () => {
    const linker = new component.Linker<string[]>(engine);
    linker.instance('host').funcWrap('greet', () => '');
    const pre = linker.instantiatePre(guest);
    expect(() => pre.instantiate(new Store<string[]>(new Engine(), []))).to.throw(TypeError, 'different engines');
  });
});

describe('component.Linker type checking', () => {
  it('refuses a function where the component imports an instance', () => {
    const linker = new component.Linker(engine);
    linker.root().funcWrap('host', () => 0);
    expect(() => linker.instantiatePre(guest)).to.throw(LinkError, `component imports instance \`host\`, ${NOT_FOUND}: expected instance found func`);
  });

  it('refuses an instance or a resource where the component imports a function', () => {
    const linker = new component.Linker(engine);
    linker.instance('log');
    expect(() => linker.instantiatePre(LOGGING)).to.throw(LinkError, `component imports function \`log\`, ${NOT_FOUND}: expected function found instance`);
    const other = new component.Linker(engine);
    other.root().resource('log', component.ResourceType.host());
    expect(() => other.instantiatePre(LOGGING)).to.throw(LinkError, 'expected function found resource');
  });

  it('names the missing export of an instance, and a wrong kind inside one', () => {
    const linker = new component.Linker(engine);
    linker.instance('host').funcWrap('other', () => 0);
    expect(() => linker.instantiatePre(guest)).to.throw(
      LinkError,
      `component imports instance \`host\`, ${NOT_FOUND}: instance export \`greet\` has the wrong type: function implementation is missing`,
    );
    const wrong = new component.Linker(engine);
    wrong.instance('host').instance('greet');
    expect(() => wrong.instantiatePre(guest)).to.throw(LinkError, 'instance export `greet` has the wrong type: expected function found instance');
  });

  it('refuses an instance where the component imports a resource', () => {
    const linker = new component.Linker(engine);
    linker.instance('thing');
    linker.root().funcWrap('make', () => 0).funcWrap('read', () => 0);
    expect(() => linker.instantiatePre(Component.new(engine, HOST_RESOURCE_WAT))).to.throw(
      LinkError,
      `component imports resource \`thing\`, ${NOT_FOUND}: expected resource found instance`,
    );
  });

  it('needs every function import defined, even one the component never calls', () => {
    const c = importing('(import "unused" (func))');
    expect(() => new component.Linker(engine).instantiatePre(c)).to.throw(LinkError, `component imports function \`unused\`, ${NOT_FOUND}: function implementation is missing`);
  });

  it('needs no definition for an instance import with nothing to define, or for a value type import', () => {
    const c = importing(`(import "empty" (instance))
      (import "nested" (instance (export "inner" (instance))))
      (import "types" (instance (type $u u32) (export "t" (type (eq $u)))))
      (type $u8 u8)
      (import "n" (type (eq $u8)))`);
    expect(new component.Linker(engine).instantiate(new Store(engine), c)).to.be.instanceOf(component.Instance);
  });

  it('binds an (eq …) resource import to the resource it repeats, and refuses a different one', () => {
    const c = importing('(import "a" (type $a (sub resource))) (import "b" (type (eq $a)))');
    const a = component.ResourceType.host('a');
    const linker = new component.Linker(engine);
    linker.root().resource('a', a);
    expect(linker.instantiatePre(c)).to.be.instanceOf(component.InstancePre);
    linker.root().resource('b', a);
    expect(linker.instantiatePre(c)).to.be.instanceOf(component.InstancePre);
    const mismatched = new component.Linker(engine);
    mismatched.root().resource('a', a).resource('b', component.ResourceType.host('b'));
    expect(() => mismatched.instantiatePre(c)).to.throw(LinkError, `component imports resource \`b\`, ${NOT_FOUND}: mismatched resource types`);
  });

  it('accepts definitions the component does not import', () => {
    const linker = new component.Linker(engine);
    linker.root().funcWrap('log', () => undefined).funcWrap('extra', () => 0);
    linker.instance('more').funcWrap('x', () => 0);
    expect(linker.instantiatePre(LOGGING)).to.be.instanceOf(component.InstancePre);
  });
});

describe('component.LinkerInstance.funcNew', () => {
  it('gives the host the import type, the parameters and a result slot to fill', () => {
    const linker = new component.Linker<string[]>(engine);
    const types: component.FuncDescription[] = [];
    linker.instance('host').funcNew('greet', (store, type, params, results) => {
      types.push(type);
      store.data.push(String(params[0]));
      expect(results).to.deep.equal([undefined]);
      results[0] = `dyn ${String(params[0])}`;
    });
    const store = new Store<string[]>(engine, []);
    const instance = linker.instantiate(store, guest);
    expect(instance.getFunc(store, 'run')?.call(store, ['a'])).to.equal('dyn a');
    expect(instance.getFunc(store, 'run')?.call(store, ['b'])).to.equal('dyn b');
    expect(store.data).to.deep.equal(['a', 'b']);
    expect(types[0]).to.deep.equal({ async: false, params: [{ name: 'name', type: { kind: 'primitive', name: null, type: 'string' } }], result: { kind: 'primitive', name: null, type: 'string' } });
    expect(types[1]).to.equal(types[0]);
  });

  it('gives a function without result an empty result list', () => {
    const linker = new component.Linker(engine);
    const seen: unknown[][] = [];
    linker.root().funcNew('log', (_store, type, params, results) => {
      seen.push([type.result, [...params], results.length]);
    });
    const store = new Store(engine);
    linker.instantiate(store, LOGGING).getFunc(store, 'run')?.call(store, []);
    expect(seen).to.deep.equal([[null, [42], 0]]);
  });

  it('propagates what the host function throws', () => {
    const linker = new component.Linker<string[]>(engine);
    linker.instance('host').funcNew('greet', () => {
      throw new RangeError('dynamic no');
    });
    expect(() => run(linker, new Store<string[]>(engine, []), 'x')).to.throw(RangeError, 'dynamic no');
  });

  it('refuses a non-function and a duplicate name', () => {
    const root = new component.Linker(engine).root();
    expect(() => root.funcNew('f', 5 as never)).to.throw(TypeError, 'expected a function for `f`, found number');
    root.funcWrap('f', () => 0);
    expect(() => root.funcNew('f', () => undefined)).to.throw(TypeError, 'import `f` is already defined');
  });
});

describe('component.Linker.defineUnknownImportsAsTraps', () => {
  it('lets a component instantiate; a stubbed function fails when called', () => {
    const linker = new component.Linker<string[]>(engine).defineUnknownImportsAsTraps(guest);
    expect(() => run(linker, new Store<string[]>(engine, []), 'x')).to.throw(LinkError, 'unknown import: `host#greet` has not been defined');
  });

  it('keeps the definitions the linker has', () => {
    const linker = new component.Linker<string[]>(engine);
    linker.instance('host').funcWrap('greet', () => 'defined');
    linker.defineUnknownImportsAsTraps(guest);
    expect(run(linker, new Store<string[]>(engine, []), 'x')).to.equal('defined');
  });

  it('stubs an imported resource with a host type, and root functions by their name', () => {
    const c = Component.new(engine, HOST_RESOURCE_WAT);
    const store = new Store(engine);
    const instance = new component.Linker(engine).defineUnknownImportsAsTraps(c).instantiate(store, c);
    expect(() => instance.getFunc(store, 'roundtrip')?.call(store, [1])).to.throw(LinkError, 'unknown import: `make` has not been defined');
  });

  it('cannot stub a core module import', () => {
    expect(() => new component.Linker(engine).defineUnknownImportsAsTraps(importing('(import "m" (core module))'))).to.throw(
      LinkError,
      'unable to define core module imports as traps',
    );
  });

  it('refuses what is not a component', () => {
    expect(() => new component.Linker(engine).defineUnknownImportsAsTraps(new Uint8Array() as never)).to.throw(TypeError, 'expected a component.Component');
  });

  it('refuses an instance import whose name is defined as something else', () => {
    const linker = new component.Linker(engine);
    linker.root().funcWrap('host', () => 0);
    expect(() => linker.defineUnknownImportsAsTraps(guest)).to.throw(TypeError, 'import `host` is already defined');
  });
});
