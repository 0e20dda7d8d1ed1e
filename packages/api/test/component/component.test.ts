import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { Component, Engine, LinkError, Store, Trap, ValidationError, component } from '../../src/index.js';
import { EXPORTS_WAT, IMPORTS_WAT, importsWat } from './fixtures.js';

const engine = new Engine();
let exportsBytes: Uint8Array;
let importsBytes: Uint8Array;

before(async () => {
  exportsBytes = await parse(EXPORTS_WAT);
  importsBytes = await parse(IMPORTS_WAT);
});

// A fresh instance of the export guest, with its store.
function exportsInstance(): { store: Store; instance: component.Instance } {
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.fromBinary(engine, exportsBytes));
  return { store, instance };
}

function func(store: Store, instance: component.Instance, name: string): component.Func {
  const f = instance.getFunc(store, name);
  if (f === null) throw new Error(`no export ${name}`);
  return f;
}

describe('Component.new', () => {
  it('compiles WAT text synchronously', () => {
    const c = Component.new(engine, `(component
      (core module $m (func (export "f") (param i32) (result i32) (local.get 0)))
      (core instance $i (instantiate $m))
      (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))`);
    const store = new Store(engine);
    const instance = new component.Linker(engine).instantiate(store, c);
    expect(instance.getFunc(store, 'f')?.call(store, [7])).to.equal(7);
  });

  it('rejects a core module with a ValidationError', () => {
    expect(() => Component.new(engine, '(module)')).to.throw(ValidationError);
  });

  it('shares one trampoline per signature key across components', () => {
    const a = Component.fromBinary(engine, exportsBytes);
    const b = Component.fromBinary(engine, exportsBytes);
    const [first] = a.trampolines.exports.values();
    const [second] = b.trampolines.exports.values();
    expect(first?.factory).to.equal(second?.factory);
  });
});

describe('component.Func.call', () => {
  it('adds two u32s', () => {
    const { store, instance } = exportsInstance();
    expect(func(store, instance, 'add').call(store, [2, 40])).to.equal(42);
  });

  it('echoes a utf8 string and runs post-return before returning', () => {
    const { store, instance } = exportsInstance();
    const echo = func(store, instance, 'echo');
    const posts = func(store, instance, 'posts');
    expect(echo.call(store, ['héllo, wörld ✓'])).to.equal('héllo, wörld ✓');
    expect(posts.call(store, [])).to.equal(1);
    echo.postReturn(store);
    expect(echo.call(store, [''])).to.equal('');
    expect(posts.call(store, [])).to.equal(2);
  });

  it('echoes a utf16 string', () => {
    const { store, instance } = exportsInstance();
    expect(func(store, instance, 'echo16').call(store, ['𝄞 surrogates and ascii'])).to.equal('𝄞 surrogates and ascii');
  });

  it('sums a list<u32> given as a typed array or an array', () => {
    const { store, instance } = exportsInstance();
    const sum = func(store, instance, 'sum');
    expect(sum.call(store, [Uint32Array.of(1, 2, 3, 4)])).to.equal(10);
    expect(sum.call(store, [[5, 6]])).to.equal(11);
  });

  it('round-trips a record as a null-prototype object', () => {
    const { store, instance } = exportsInstance();
    const result = func(store, instance, 'point').call(store, [{ id: 1, x: 1.5, on: false }]);
    expect(Object.getPrototypeOf(result)).to.equal(null);
    expect({ ...(result as object) }).to.deep.equal({ id: 2, x: 3, on: true });
  });

  it('returns a result as { kind, value }', () => {
    const { store, instance } = exportsInstance();
    const div = func(store, instance, 'div');
    expect(div.call(store, [7, 2])).to.deep.equal({ kind: 'Ok', value: 3 });
    expect(div.call(store, [7, 0])).to.deep.equal({ kind: 'Err', value: 'division by zero' });
  });

  it('round-trips every case of a variant', () => {
    const { store, instance } = exportsInstance();
    const same = func(store, instance, 'same');
    for (const value of [{ kind: 'None' }, { kind: 'Num', value: 9 }, { kind: 'Text', value: 'hi there' }]) {
      expect(same.call(store, [value])).to.deep.equal(value);
    }
  });

  it('turns a guest trap into a Trap and then refuses to enter the instance', () => {
    const { store, instance } = exportsInstance();
    expect(() => func(store, instance, 'boom').call(store, []))
      .to.throw(Trap)
      .with.property('code', 'UnreachableCodeReached');
    expect(() => func(store, instance, 'add').call(store, [1, 2]))
      .to.throw(Trap)
      .with.property('code', 'CannotEnterComponent');
  });

  it('keeps the instance usable when an argument fails to convert', () => {
    const { store, instance } = exportsInstance();
    const add = func(store, instance, 'add');
    expect(() => add.call(store, [1, 'x'])).to.throw(TypeError);
    expect(() => add.call(store, [1])).to.throw(TypeError, 'expected 2 arguments, found 1');
    expect(add.call(store, [1, 2])).to.equal(3);
  });

  it('refuses a store other than its own', () => {
    const { store, instance } = exportsInstance();
    const add = func(store, instance, 'add');
    expect(() => add.call(new Store(engine), [1, 2])).to.throw(TypeError, 'the function belongs to a different store');
  });

  it('is null for a missing export', () => {
    const { store, instance } = exportsInstance();
    expect(instance.getFunc(store, 'nope')).to.equal(null);
  });
});

describe('component.Linker.instantiate', () => {
  it('lets the guest call a host function taking and returning a string', () => {
    const linker = new component.Linker<string[]>(engine);
    linker.instance('host').funcWrap('greet', (store, name) => {
      store.data.push(String(name));
      return `hello, ${String(name)}!`;
    });
    const store = new Store<string[]>(engine, []);
    const instance = linker.instantiate(store, Component.fromBinary(engine, importsBytes));
    const run = instance.getFunc(store, 'run');
    expect(run?.call(store, ['wörld'])).to.equal('hello, wörld!');
    expect(store.data).to.deep.equal(['wörld']);
  });

  it('passes utf16 strings both ways through a host import', () => {
    const linker = new component.Linker(engine);
    linker.instance('host').funcWrap('greet', (_store, name) => `${String(name)} → 𝄞`);
    const store = new Store(engine);
    const instance = linker.instantiate(store, Component.new(engine, importsWat('utf16')));
    expect(instance.getFunc(store, 'run')?.call(store, ['ünï'])).to.equal('ünï → 𝄞');
  });

  it('propagates a host function error out of the guest', () => {
    const linker = new component.Linker(engine);
    linker.root().instance('host').funcWrap('greet', () => {
      throw new RangeError('host says no');
    });
    const store = new Store(engine);
    const instance = linker.instantiate(store, Component.fromBinary(engine, importsBytes));
    expect(() => instance.getFunc(store, 'run')?.call(store, ['x'])).to.throw(RangeError, 'host says no');
  });

  it('names a missing import instance', () => {
    const store = new Store(engine);
    expect(() => new component.Linker(engine).instantiate(store, Component.fromBinary(engine, importsBytes))).to.throw(
      LinkError,
      'component imports instance `host`, but a matching implementation was not found in the linker',
    );
  });

  it('names a missing function of an import instance', () => {
    const linker = new component.Linker(engine);
    linker.instance('host');
    const store = new Store(engine);
    expect(() => linker.instantiate(store, Component.fromBinary(engine, importsBytes))).to.throw(
      LinkError,
      'component imports instance `host`, but a matching implementation was not found in the linker: instance export `greet` has the wrong type: function implementation is missing',
    );
  });

  it('instantiates a component with resource built-ins', () => {
    const c = Component.new(engine, `(component
      (type $r (resource (rep i32)))
      (core func $drop (canon resource.drop $r))
      (core module $m (import "" "drop" (func (param i32))))
      (core instance (instantiate $m (with "" (instance (export "drop" (func $drop)))))))`);
    expect(new component.Linker(engine).instantiate(new Store(engine), c)).to.be.instanceOf(component.Instance);
  });

  it('refuses a duplicate definition', () => {
    const linker = new component.Linker(engine);
    linker.root().funcWrap('f', () => 1);
    expect(() => linker.root().funcWrap('f', () => 2)).to.throw(TypeError, 'import `f` is already defined');
  });
});
