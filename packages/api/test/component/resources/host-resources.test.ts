import { expect } from 'chai';
import { Component, Engine, LinkError, Store, Trap, component } from '../../../src/index.js';
import { expectResourceTrap } from './expect-trap.js';
import { HOST_RESOURCE_WAT } from './fixtures.js';

const engine = new Engine();
const guest = Component.new(engine, HOST_RESOURCE_WAT);

interface Host {
  readonly store: Store;
  readonly thing: component.ResourceType;
  readonly table: component.ResourceTable;
  readonly destroyed: number[];
  readonly seen: component.Resource[];
  call(name: string, ...args: unknown[]): unknown;
}

function instantiate(): Host {
  const store = new Store(engine);
  const thing = component.ResourceType.host('thing');
  const table = new component.ResourceTable();
  const destroyed: number[] = [];
  const seen: component.Resource[] = [];
  const linker = new component.Linker(engine);
  linker
    .root()
    .resource('thing', thing, (_store, rep) => {
      destroyed.push(rep);
      table.delete(component.Resource.newBorrow(rep));
    })
    .funcWrap('make', (_store, v: number) => table.push({ v }))
    .funcWrap('read', (_store, t: component.Resource<{ v: number }>) => {
      seen.push(t);
      return table.get(t).v;
    });
  const instance = linker.instantiate(store, guest);
  const call = (name: string, ...args: unknown[]): unknown => {
    const func = instance.getFunc(store, name);
    if (func === null) throw new Error(`no export ${name}`);
    return func.call(store, args);
  };
  return { store, thing, table, destroyed, seen, call };
}

describe('host-defined resources', () => {
  it('lets the guest make one through an import, read it through a borrow and drop it, running the host destructor', () => {
    const host = instantiate();
    expect(host.call('roundtrip', 41)).to.equal(41);
    expect(host.destroyed).to.deep.equal([0]);
    expect(host.table.isEmpty()).to.equal(true);
  });

  it('gives host functions a borrow Resource of the imported type', () => {
    const host = instantiate();
    host.call('roundtrip', 1);
    const [borrow] = host.seen;
    expect(borrow?.owned).to.equal(false);
    expect(borrow?.type).to.equal(host.thing);
  });

  it('moves a host own into the guest and back out as a Resource', () => {
    const host = instantiate();
    const mine = host.table.push({ v: 3 });
    host.call('hold', mine);
    expect(mine.taken).to.equal(true);
    const back = host.call('give') as component.Resource;
    expect(back).to.be.instanceOf(component.Resource);
    expect(back.owned).to.equal(true);
    expect(back.rep).to.equal(mine.rep);
    expect(host.destroyed).to.deep.equal([]);
  });

  it('runs the host destructor when the guest drops an own the host gave it', () => {
    const host = instantiate();
    host.call('hold', host.table.push({ v: 3 }));
    host.call('drop-held');
    expect(host.destroyed).to.deep.equal([0]);
  });

  it('refuses to move one host own into a guest twice', () => {
    const host = instantiate();
    const mine = host.table.push({ v: 3 });
    host.call('hold', mine);
    expect(() => host.call('hold', mine)).to.throw(TypeError, 'host resource already consumed');
  });

  it('lends a host Resource to the guest, which may pass the borrow on to the host and must drop it', () => {
    const host = instantiate();
    const mine = host.table.push({ v: 17 });
    expect(host.call('peek', mine)).to.equal(17);
    expect(host.call('peek', component.Resource.newBorrow(mine.rep))).to.equal(17);
    expect(host.destroyed).to.deep.equal([]);
  });

  it('traps when the guest keeps a borrow past the end of its call', () => {
    const host = instantiate();
    expectResourceTrap(() => host.call('keep-borrow', host.table.push({ v: 1 })), 'borrow handles still remain at the end of the call');
    expect(() => host.call('roundtrip', 1)).to.throw(Trap).with.property('code', 'CannotEnterComponent');
  });

  it('traps when the guest uses a handle it dropped', () => {
    const host = instantiate();
    expectResourceTrap(() => host.call('drop-twice', host.table.push({ v: 1 })), 'unknown handle index 1');
    expect(host.destroyed).to.deep.equal([0]);
  });

  it('refuses a Resource of another host type', () => {
    const host = instantiate();
    const other = component.Resource.newOwn(1, component.ResourceType.host('other'));
    expect(() => host.call('hold', other)).to.throw(TypeError, 'resource type mismatch');
    expect(other.taken).to.equal(false);
  });

  it('converts between Resource and ResourceAny of a host type', () => {
    const host = instantiate();
    const any = component.ResourceAny.tryFromResource(component.Resource.newOwn(5, host.thing), host.store);
    expect(any.type).to.equal(host.thing);
    host.call('hold', any);
    expect(() => any.resourceDrop(host.store)).to.throw(TypeError, 'already dropped or moved');
    const back = (host.call('give') as component.Resource).rep;
    const again = component.ResourceAny.tryFromResource(component.Resource.newOwn(back, host.thing), host.store);
    expect(again.toResource(host.store).rep).to.equal(5);
  });

  it('needs the imported resource in the linker', () => {
    const linker = new component.Linker(engine);
    linker.root().funcWrap('make', () => 0).funcWrap('read', () => 0);
    expect(() => linker.instantiate(new Store(engine), guest)).to.throw(LinkError, 'component imports resource `thing`, but a matching implementation was not found in the linker: resource implementation is missing');
  });

  it('refuses a function where the component imports a resource', () => {
    const linker = new component.Linker(engine);
    linker.root().funcWrap('thing', () => 0).funcWrap('make', () => 0).funcWrap('read', () => 0);
    expect(() => linker.instantiate(new Store(engine), guest)).to.throw(LinkError, 'expected resource found func');
  });

  it('refuses a guest-defined type or a non-function destructor in LinkerInstance.resource', () => {
    const root = new component.Linker(engine).root();
    expect(() => root.resource('x', {} as component.ResourceType)).to.throw(TypeError, 'host ResourceType');
    expect(() => root.resource('x', component.ResourceType.host(), 5 as never)).to.throw(TypeError, 'destructor');
  });
});

describe('host-defined resources in an imported instance', () => {
  it('resolve the resource and its methods through the instance path, as WASI interfaces use them', () => {
    const c = Component.new(
      engine,
      `(component
        (import "my:pkg/counters" (instance $api
          (export "counter" (type $c (sub resource)))
          (export "[constructor]counter" (func (param "start" u32) (result (own $c))))
          (export "[method]counter.bump" (func (param "self" (borrow $c)) (result u32)))))
        (alias export $api "counter" (type $counter))
        (core func $new (canon lower (func $api "[constructor]counter")))
        (core func $bump (canon lower (func $api "[method]counter.bump")))
        (core func $drop (canon resource.drop $counter))
        (core module $m
          (import "" "new" (func $new (param i32) (result i32)))
          (import "" "bump" (func $bump (param i32) (result i32)))
          (import "" "drop" (func $drop (param i32)))
          (func (export "run") (result i32) (local $h i32)
            (local.set $h (call $new (i32.const 10)))
            (drop (call $bump (local.get $h)))
            (drop (call $bump (local.get $h)))
            (call $bump (local.get $h))
            (call $drop (local.get $h))))
        (core instance $i (instantiate $m (with "" (instance
          (export "new" (func $new)) (export "bump" (func $bump)) (export "drop" (func $drop))))))
        (func (export "run") (result u32) (canon lift (core func $i "run"))))`,
    );
    const table = new component.ResourceTable();
    const dropped: number[] = [];
    const counter = component.ResourceType.host('counter');
    const linker = new component.Linker(engine);
    linker
      .instance('my:pkg/counters')
      .resource('counter', counter, (_store, rep) => {
        dropped.push(table.delete(component.Resource.newBorrow<{ n: number }>(rep)).n);
      })
      .funcWrap('[constructor]counter', (_store, start: number) => table.push({ n: start }))
      .funcWrap('[method]counter.bump', (_store, self: component.Resource<{ n: number }>) => ++table.get(self).n);
    const store = new Store(engine);
    const run = linker.instantiate(store, c).getFunc(store, 'run');
    expect(run?.call(store, [])).to.equal(13);
    expect(dropped).to.deep.equal([13]);
  });
});
