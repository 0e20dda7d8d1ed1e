import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../src/index.js';

const engine = new Engine();

// The root exports `outer`, which does nothing; its child exports `run`, which calls the host's
// `again`. The host's `again` then calls whichever export the test chose.
const TREE = Component.new(
  engine,
  `(component
    (import "again" (func $again))
    (core module $outer (func (export "outer")))
    (core instance $o (instantiate $outer))
    (func (export "outer") (canon lift (core func $o "outer")))
    (component $Child
      (import "again" (func $again))
      (core func $again' (canon lower (func $again)))
      (core module $m (import "" "again" (func $again)) (func (export "run") (call $again)))
      (core instance $i (instantiate $m (with "" (instance (export "again" (func $again'))))))
      (func (export "run") (canon lift (core func $i "run"))))
    (instance $child (instantiate $Child (with "again" (func $again))))
    (export "run" (func $child "run")))`,
);

function setUp(reenter: (store: Store) => void): { store: Store; instance: component.Instance; inner: () => unknown } {
  const store = new Store(engine);
  const linker = new component.Linker(engine);
  let inner: unknown = null;
  linker.root().funcWrap('again', (s) => {
    try {
      reenter(s as Store);
    } catch (error) {
      inner = error;
    }
  });
  const instance = linker.instantiate(store, TREE);
  return { store, instance, inner: () => inner };
}

describe('host calls back into a component instance', () => {
  it("trap when the host, called by a child, calls its parent's export", () => {
    let instance: component.Instance | null = null;
    const t = setUp((s) => instance?.getFunc(s, 'outer')?.call(s, []));
    instance = t.instance;
    t.instance.getFunc(t.store, 'run')?.call(t.store, []);
    expect(t.inner()).to.be.instanceOf(Trap).with.property('code', 'CannotEnterComponent');
    // The outer call returned normally: both exports may be called again.
    expect(() => t.instance.getFunc(t.store, 'outer')?.call(t.store, [])).not.to.throw();
    expect(() => t.instance.getFunc(t.store, 'run')?.call(t.store, [])).not.to.throw();
  });

  it('run an export of another instantiation of the same component', () => {
    const other = setUp(() => undefined);
    const t = setUp(() => other.instance.getFunc(other.store, 'outer')?.call(other.store, []));
    t.instance.getFunc(t.store, 'run')?.call(t.store, []);
    expect(t.inner()).to.equal(null);
  });
});
