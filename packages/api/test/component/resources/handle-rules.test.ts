import { expect } from 'chai';
import { Component, Engine, Store, component } from '../../../src/index.js';
import { expectResourceTrap } from './expect-trap.js';
import { HANDLE_NUMBERING_WAT } from './fixtures.js';

const engine = new Engine();
const numbering = Component.new(engine, HANDLE_NUMBERING_WAT);

function call(name: string): unknown {
  const store = new Store(engine);
  const func = new component.Linker(engine).instantiate(store, numbering).getFunc(store, name);
  if (func === null) throw new Error(`no export ${name}`);
  return func.call(store, []);
}

describe('resource built-ins in one component instance', () => {
  it('number handles from 1 and reuse the last freed index first', () => {
    expect(call('run')).to.equal(42);
  });

  it('trap on handle 0', () => {
    expectResourceTrap(() => call('drop-zero'), 'unknown handle index 0');
  });

  it('read a handle index as unsigned', () => {
    expectResourceTrap(() => call('drop-max'), 'unknown handle index 4294967295');
  });

  it('trap on an index never allocated', () => {
    expectResourceTrap(() => call('rep-unknown'), 'unknown handle index 5');
  });
});
