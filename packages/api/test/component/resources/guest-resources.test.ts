import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../../src/index.js';
import { expectResourceTrap } from './expect-trap.js';
import { GUEST_RESOURCE_WAT } from './fixtures.js';

const engine = new Engine();
const guest = Component.new(engine, GUEST_RESOURCE_WAT);

function instantiate(): { store: Store; instance: component.Instance; call: (name: string, ...args: unknown[]) => unknown } {
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, guest);
  const call = (name: string, ...args: unknown[]): unknown => {
    const func = instance.getFunc(store, name);
    if (func === null) throw new Error(`no export ${name}`);
    return func.call(store, args);
  };
  return { store, instance, call };
}

describe('guest-defined resources', () => {
  it('gives the host an own ResourceAny of the exported type for a returned own', () => {
    const { store, instance, call } = instantiate();
    const r = call('make', 7);
    expect(r).to.be.instanceOf(component.ResourceAny);
    const any = r as component.ResourceAny;
    expect(any.owned).to.equal(true);
    expect(any.type).to.equal(instance.getResource(store, 'r'));
    expect(any.type.isHost).to.equal(false);
    expect(any.type.equals(instance.getResource(store, 's') as component.ResourceType)).to.equal(false);
  });

  it('lends a ResourceAny to a method, which the implementing guest receives as the rep', () => {
    const { call } = instantiate();
    const r = call('make', 1234);
    expect(call('get', r)).to.equal(1234);
    expect(call('get', r)).to.equal(1234);
  });

  it('moves an own ResourceAny into the guest, whose drop runs the destructor', () => {
    const { store, call } = instantiate();
    const r = call('make', 55) as component.ResourceAny;
    expect(call('consume', r)).to.equal(55);
    expect(call('dtors')).to.equal(1);
    expect(call('last')).to.equal(55);
    expect(() => call('get', r)).to.throw(TypeError, 'already dropped or moved');
    expect(() => r.resourceDrop(store)).to.throw(TypeError);
  });

  it('runs the guest destructor when the host drops its own', () => {
    const { store, call } = instantiate();
    const r = call('make', 9) as component.ResourceAny;
    r.resourceDrop(store);
    expect(call('dtors')).to.equal(1);
    expect(call('last')).to.equal(9);
    expect(() => r.resourceDrop(store)).to.throw(TypeError, 'already dropped or moved');
  });

  it('runs no destructor for a type without one', () => {
    const { store, call } = instantiate();
    (call('make-s', 3) as component.ResourceAny).resourceDrop(store);
    expect(call('dtors')).to.equal(0);
  });

  it('refuses a handle of another resource type, leaving the instance usable', () => {
    const { call } = instantiate();
    const s = call('make-s', 3);
    expect(() => call('get', s)).to.throw(TypeError, 'mismatched resource types');
    expect(() => call('consume', s)).to.throw(TypeError, 'mismatched resource types');
    expect(call('dtors')).to.equal(0);
  });

  it('refuses a ResourceAny of another store', () => {
    const first = instantiate();
    const second = instantiate();
    const r = first.call('make', 1);
    expect(() => second.call('get', r)).to.throw(TypeError, 'different store');
  });

  it('refuses a value that is not a resource', () => {
    const { call } = instantiate();
    expect(() => call('get', 5)).to.throw(TypeError, 'expected a Resource or ResourceAny for `borrow<r>`, found number');
  });

  it('cannot turn a guest-defined resource into a host Resource', () => {
    const { store, call } = instantiate();
    const r = call('make', 1) as component.ResourceAny;
    expect(() => r.toResource(store)).to.throw(TypeError, 'resource type mismatch');
  });

  it('refuses to drop a resource of an instance that trapped, with CannotEnterComponent', () => {
    const { store, call } = instantiate();
    const r = call('make', 1) as component.ResourceAny;
    expect(() => call('double-drop')).to.throw(Trap);
    expect(() => r.resourceDrop(store)).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });

  it('traps when the guest drops one handle twice, and the instance cannot be entered again', () => {
    const { call } = instantiate();
    expectResourceTrap(() => call('double-drop'), 'unknown handle index 1');
    expect(() => call('dtors')).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });

  it('traps when the guest returns a handle of another type than its result', () => {
    const { call } = instantiate();
    expectResourceTrap(
      () => call('return-r-as-s'),
      'handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource',
    );
  });

  it('makes a new resource type for each instantiation', () => {
    const first = instantiate();
    const second = instantiate();
    const r = first.call('make', 1);
    expect(first.instance.getResource(first.store, 'r')).not.to.equal(second.instance.getResource(second.store, 'r'));
    expect(() => first.call('get', r)).not.to.throw();
  });

  it('finds no resource under a function export or a missing name', () => {
    const { store, instance } = instantiate();
    expect(instance.getResource(store, 'make')).to.equal(null);
    expect(instance.getResource(store, 'nope')).to.equal(null);
  });
});
