import { expect } from 'chai';
import { GuestResourceClass, guestResourceClassOf, type LendRecord } from '../../../src/component/js-api/guest-resource-class.js';

// A class over fake reps: numbers from a counter, dropped into a list. The constructor makes
// the instance as lifting the `[constructor]`'s own result does.
function fakeClass(withConstructor = true): { readonly cls: GuestResourceClass; readonly dropped: unknown[] } {
  const dropped: unknown[] = [];
  let next = 100;
  const cls: GuestResourceClass = new GuestResourceClass('HttpRequest', 1, { construct: withConstructor ? () => cls.createInstance(next++, true) : null, drop: (rep) => dropped.push(rep) });
  return { cls, dropped };
}

describe('GuestResourceClass', () => {
  it('makes a class named after the resource whose constructor needs `new`', () => {
    const { cls } = fakeClass();
    const C = cls.constructorFunction as new (...args: unknown[]) => object;
    expect(C.name).to.equal('HttpRequest');
    expect(C.length).to.equal(1);
    expect(() => (C as unknown as () => unknown)()).to.throw(TypeError, "cannot be invoked without 'new'");
    const instance = new C('x');
    expect(instance).to.be.instanceOf(C);
    expect(Object.prototype.toString.call(instance)).to.equal('[object HttpRequest]');
    expect(Object.getOwnPropertyDescriptor(C, 'prototype')).to.include({ writable: false, configurable: false, enumerable: false });
  });

  it('refuses `new` when the resource has no constructor', () => {
    const C = fakeClass(false).cls.constructorFunction as new () => object;
    expect(() => new C()).to.throw(TypeError, 'HttpRequest has no constructor');
  });

  it('drops an owned rep once on Symbol.dispose, and never a borrowed one', () => {
    const { cls, dropped } = fakeClass();
    const owned = cls.createInstance(7, true) as { [Symbol.dispose](): void };
    owned[Symbol.dispose]();
    owned[Symbol.dispose]();
    const borrowed = cls.createInstance(8, false) as { [Symbol.dispose](): void };
    borrowed[Symbol.dispose]();
    expect(dropped).to.deep.equal([7]);
  });

  it('takes the rep out of an owned instance, which is then empty', () => {
    const { cls } = fakeClass();
    const owned = cls.createInstance(7, true);
    expect(cls.takeOwn(owned)).to.equal(7);
    expect(() => cls.takeOwn(owned)).to.throw(TypeError, 'this HttpRequest was already disposed or passed on as an own');
    expect(() => cls.takeOwn(cls.createInstance(8, false))).to.throw(TypeError, 'a borrowed HttpRequest cannot be passed as an own');
    expect(() => cls.takeOwn({})).to.throw(TypeError, 'expected a HttpRequest, found an object');
  });

  it('lends a rep for a call and refuses to give it away or dispose of it meanwhile', () => {
    const { cls, dropped } = fakeClass();
    const owned = cls.createInstance(7, true) as { [Symbol.dispose](): void };
    const lenders: LendRecord[] = [];
    expect(cls.lend(owned, lenders)).to.equal(7);
    expect(() => cls.takeOwn(owned)).to.throw(TypeError, 'while it is lent to a call');
    expect(() => owned[Symbol.dispose]()).to.throw(TypeError, 'while it is lent');
    // The call ends: its loans go back, as ResourceValues.endCall gives them back.
    for (const record of lenders) record.lendCount--;
    owned[Symbol.dispose]();
    expect(dropped).to.deep.equal([7]);
  });

  it('defines methods, statics and accessors, skipping reserved names', () => {
    const { cls } = fakeClass();
    const C = cls.constructorFunction as unknown as Record<string, unknown> & { prototype: Record<string, unknown> };
    expect(cls.defineMember('getHeader', 'method', null, () => 'h')).to.equal(true);
    expect(cls.defineMember('fromUrl', 'static', null, () => 's')).to.equal(true);
    let path = '/';
    cls.defineMember('path', 'method', 'get', () => path);
    cls.defineMember('path', 'method', 'set', (v: string) => (path = v));
    expect(cls.defineMember('name', 'static', null, () => 'n')).to.equal(false);
    const instance = cls.createInstance(1, true) as Record<string, unknown>;
    expect((instance.getHeader as () => string)()).to.equal('h');
    expect((C.fromUrl as () => string)()).to.equal('s');
    instance.path = '/x';
    expect(instance.path).to.equal('/x');
    expect(C.name).to.equal('HttpRequest');
  });

  it('gives a subclass constructed with `new` its own prototype', () => {
    const { cls } = fakeClass();
    const C = cls.constructorFunction as new (...args: unknown[]) => object;
    class Sub extends C {}
    const instance = new Sub('x');
    expect(instance).to.be.instanceOf(Sub);
    expect(cls.isInstance(instance)).to.equal(true);
  });

  it('is found from its constructor, for brand checks of a class passed back as an import', () => {
    const { cls } = fakeClass();
    expect(guestResourceClassOf(cls.constructorFunction)).to.equal(cls);
    expect(guestResourceClassOf(class {})).to.equal(null);
  });
});
