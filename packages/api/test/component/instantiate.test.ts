import { expect } from 'chai';
import { Component, Engine, Store, Trap, component } from '../../src/index.js';
import { LIBC_FUNCS } from './fixtures.js';

const engine = new Engine();

describe('component instantiation', () => {
  it('turns a lift lowered back into its own component into an always-trap function', () => {
    const c = Component.new(engine, `(component
      (core module $m (func (export "f")))
      (core instance $i (instantiate $m))
      (func $f (canon lift (core func $i "f")))
      (core func $g (canon lower (func $f)))
      (core module $n (import "" "g" (func $g)) (func (export "run") (call $g)))
      (core instance $j (instantiate $n (with "" (instance (export "g" (func $g))))))
      (func (export "run") (canon lift (core func $j "run"))))`);
    expect(c.translation.component.initializers.map((i) => i.kind)).to.include('AlwaysTrap');
    const store = new Store(engine);
    const run = new component.Linker(engine).instantiate(store, c).getFunc(store, 'run');
    expect(() => run?.call(store, [])).to.throw(Trap).with.property('code', 'AlwaysTrapAdapter');
  });

  it('finds a function through an exported instance', () => {
    const c = Component.new(engine, `(component
      (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
      (core instance $i (instantiate $m))
      (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
      (instance $api (export "add" (func $add)))
      (export "my:pkg/api" (instance $api)))`);
    const store = new Store(engine);
    const instance = new component.Linker(engine).instantiate(store, c);
    expect(instance.getFunc(store, ['my:pkg/api', 'add'])?.call(store, [3, 4])).to.equal(7);
    expect(instance.getFunc(store, 'my:pkg/api')).to.equal(null);
    expect(instance.getFunc(store, ['my:pkg/api', 'sub'])).to.equal(null);
  });

  it('refuses to re-enter an instance from a host function it called', () => {
    const c = Component.new(engine, `(component
      (import "again" (func $again))
      (core func $again (canon lower (func $again)))
      (core module $m (import "" "again" (func $again)) (func (export "run") (call $again)))
      (core instance $i (instantiate $m (with "" (instance (export "again" (func $again))))))
      (func (export "run") (canon lift (core func $i "run"))))`);
    const store = new Store(engine);
    const linker = new component.Linker(engine);
    let inner: unknown = null;
    let instance: component.Instance | null = null;
    linker.root().funcWrap('again', (s) => {
      try {
        instance?.getFunc(s, 'run')?.call(s, []);
      } catch (error) {
        inner = error;
      }
    });
    instance = linker.instantiate(store, c);
    instance.getFunc(store, 'run')?.call(store, []);
    expect(inner).to.be.instanceOf(Trap).with.property('code', 'CannotEnterComponent');
    // The outer call returned normally, so the instance may be entered again.
    expect(() => instance?.getFunc(store, 'run')?.call(store, [])).not.to.throw();
  });

  it('forbids calls to the host from post-return', () => {
    const c = Component.new(engine, `(component
      (import "log" (func $log))
      (core func $log (canon lower (func $log)))
      (core module $m (import "" "log" (func $log))
        (func (export "run") (result i32) (i32.const 5))
        (func (export "post") (param i32) (call $log)))
      (core instance $i (instantiate $m (with "" (instance (export "log" (func $log))))))
      (func (export "run") (result u32) (canon lift (core func $i "run") (post-return (core func $i "post")))))`);
    const store = new Store(engine);
    const linker = new component.Linker(engine);
    linker.root().funcWrap('log', () => undefined);
    const run = linker.instantiate(store, c).getFunc(store, 'run');
    expect(() => run?.call(store, [])).to.throw(Trap, 'cannot leave component instance').with.property('code', 'CannotLeaveComponent');
  });

  it('reports a string the guest returns outside its memory as a MemoryOutOfBounds trap', () => {
    const c = Component.new(engine, `(component
      (core module $m (memory (export "memory") 1) ${LIBC_FUNCS}
        (func (export "bad") (result i32)
          (i32.store (i32.const 16) (i32.const 65530))
          (i32.store (i32.const 20) (i32.const 100))
          (i32.const 16)))
      (core instance $i (instantiate $m))
      (func (export "bad") (result string) (canon lift (core func $i "bad") (memory (core memory $i "memory")))))`);
    const store = new Store(engine);
    const bad = new component.Linker(engine).instantiate(store, c).getFunc(store, 'bad');
    expect(() => bad?.call(store, [])).to.throw(Trap, 'string pointer/length out of bounds of memory').with.property('code', 'MemoryOutOfBounds');
    expect(() => bad?.call(store, [])).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });

  it('instantiates fused adapters between nested components', () => {
    const c = Component.new(engine, `(component
      (component $a
        (core module $m (func (export "f") (result i32) (i32.const 1)))
        (core instance $i (instantiate $m))
        (func (export "f") (result u32) (canon lift (core func $i "f"))))
      (instance $a (instantiate $a))
      (component $b
        (import "f" (func $f (result u32)))
        (core func $f (canon lower (func $f)))
        (core module $n (import "" "f" (func (result i32))))
        (core instance (instantiate $n (with "" (instance (export "f" (func $f)))))))
      (instance (instantiate $b (with "f" (func $a "f")))))`);
    expect(c.translation.component.initializers.map((i) => i.kind)).to.include('Adapter');
    expect(() => new component.Linker(engine).instantiate(new Store(engine), c)).not.to.throw();
  });

  it('needs no definition for an imported non-resource type', () => {
    const c = Component.new(engine, `(component
      (type $t u32)
      (import "count" (type $count (eq $t)))
      (core module $m (func (export "f") (param i32) (result i32) (local.get 0)))
      (core instance $i (instantiate $m))
      (func (export "f") (param "x" $count) (result $count) (canon lift (core func $i "f"))))`);
    const store = new Store(engine);
    expect(new component.Linker(engine).instantiate(store, c).getFunc(store, 'f')?.call(store, [9])).to.equal(9);
  });

  it('refuses a store of another engine', () => {
    const c = Component.new(engine, '(component)');
    expect(() => new component.Linker(engine).instantiate(new Store(new Engine()), c)).to.throw(TypeError, 'the component and the store belong to different engines');
  });
});
