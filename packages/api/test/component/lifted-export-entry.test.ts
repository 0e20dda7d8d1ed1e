import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../src/index.js';
import { LIBC_FUNCS } from './fixtures.js';

const engine = new Engine();

// `add` of two u32s, `boom` that traps, and `pair(list<u32>, u32)` whose list is copied by
// `realloc` before the u32 is converted.
const WAT = `(component
  (core module $m
    (memory (export "memory") 1)
    ${LIBC_FUNCS}
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "boom") (unreachable))
    (func (export "pair") (param i32 i32 i32) (result i32) (local.get 2)))
  (core instance $i (instantiate $m))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func (export "boom") (canon lift (core func $i "boom")))
  (func (export "pair") (param "xs" (list u32)) (param "y" u32) (result u32)
    (canon lift (core func $i "pair") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc")))))`;

function exportsOf(): { store: Store; add: component.Func; boom: component.Func; pair: component.Func } {
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, WAT));
  const get = (name: string): component.Func => {
    const f = instance.getFunc(store, name);
    if (f === null) throw new Error(`no export ${name}`);
    return f;
  };
  return { store, add: get('add'), boom: get('boom'), pair: get('pair') };
}

describe('makeLiftedExportEntry', () => {
  it('leaves the instance enterable when a scalar argument fails to convert', () => {
    const { store, add } = exportsOf();
    expect(() => add.call(store, [1, -1])).to.throw(TypeError, 'expected an integer in the range of u32, found -1');
    expect(add.enteredGuest).to.equal(false);
    expect(add.call(store, [1, 2])).to.equal(3);
  });

  it('leaves the instance unenterable after the guest trapped, and says the guest was entered', () => {
    const { store, add, boom } = exportsOf();
    expect(() => boom.call(store, [])).to.throw(Trap).with.property('code', 'UnreachableCodeReached');
    expect(boom.enteredGuest).to.equal(true);
    expect(() => add.call(store, [1, 2])).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });

  it('counts realloc as entering the guest: an argument failing after it leaves the instance unenterable', () => {
    const { store, add, pair } = exportsOf();
    expect(() => pair.call(store, [Uint32Array.of(1, 2), 'seven'])).to.throw(TypeError);
    expect(pair.enteredGuest).to.equal(true);
    expect(() => add.call(store, [1, 2])).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });

  it('makes the instance enterable again after a call returns', () => {
    const { store, add, pair } = exportsOf();
    expect(pair.call(store, [Uint32Array.of(1, 2), 7])).to.equal(7);
    expect(add.call(store, [2, 3])).to.equal(5);
    expect(add.call(store, [4, 5])).to.equal(9);
  });

  it('refuses a store other than its own before anything else', () => {
    const { add } = exportsOf();
    expect(() => add.call(new Store(engine), [1, 2])).to.throw(TypeError, 'the function belongs to a different store');
  });
});
