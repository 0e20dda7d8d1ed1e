import { expect } from 'chai';
import { Component as EmbeddingComponent, Config, Engine, ValidationError, js } from '../../../src/index.js';
import { parse } from '@bytecodealliance/jco';
import { EXPORTS_WAT } from '../fixtures.js';

const ADD_MODULE = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
  0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, // type (i32 i32) -> i32
  0x03, 0x02, 0x01, 0x00, // func 0
  0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, // export "add"
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, // body
);

describe('js.validate', () => {
  it('validates component bytes as a component and module bytes as a module', async () => {
    const component = await parse(EXPORTS_WAT);
    expect(js.validate(component)).to.equal(true);
    expect(js.validate(component.slice(0, component.length - 3))).to.equal(false);
    expect(js.validate(ADD_MODULE)).to.equal(true);
    expect(js.validate(ADD_MODULE.buffer)).to.equal(true);
    expect(js.validate(Uint8Array.of(0, 1, 2))).to.equal(false);
  });

  it('validates a component against the features of the given engine', async () => {
    // map<K, V> is off by default, so only an engine that turns it on accepts the type.
    const bytes = await parse('(component (type (map string u32)))');
    expect(js.validate(bytes)).to.equal(false);
    const engine = new Engine(new Config({ features: { componentModelMap: true } }));
    expect(js.validate(bytes, { engine })).to.equal(true);
  });

  it('refuses what is not a buffer source', () => {
    expect(() => js.validate(7 as unknown as Uint8Array)).to.throw(TypeError, 'expected an ArrayBuffer');
  });
});

describe('js.compile', () => {
  it('compiles component bytes to a Component and module bytes to a WebAssembly.Module', async () => {
    expect(await js.compile(await parse(EXPORTS_WAT))).to.be.instanceOf(js.Component);
    expect(await js.compile(ADD_MODULE)).to.be.instanceOf(WebAssembly.Module);
  });

  it('rejects invalid component bytes with a CompileError caused by the ValidationError', async () => {
    const bytes = await parse('(component (core module $m (func (export "f"))) (core instance $i (instantiate $m)) (func (export "f") (result u32) (canon lift (core func $i "f"))))');
    const error = await js.compile(bytes).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(WebAssembly.CompileError);
    expect((error as Error).cause).to.be.instanceOf(ValidationError);
  });
});

describe('js.instantiate', () => {
  it('compiles and instantiates component bytes, giving both', async () => {
    const { component, instance } = (await js.instantiate(await parse(EXPORTS_WAT), {})) as js.InstantiatedComponentSource;
    expect(component).to.be.instanceOf(js.Component);
    expect((instance.exports as Record<string, (a: number, b: number) => number>).add?.(20, 22)).to.equal(42);
  });

  it('instantiates a compiled Component, giving the ComponentInstance', async () => {
    const instance = await js.instantiate(new js.Component(EXPORTS_WAT));
    expect(instance).to.be.instanceOf(js.ComponentInstance);
  });

  it('leaves core modules to the host WebAssembly', async () => {
    const { instance } = (await js.instantiate(ADD_MODULE)) as WebAssembly.WebAssemblyInstantiatedSource;
    expect((instance.exports.add as (a: number, b: number) => number)(1, 2)).to.equal(3);
  });
});

describe('js.Component', () => {
  it('copies the bytes it is given, so changing them after the call changes nothing', async () => {
    const bytes = await parse(EXPORTS_WAT);
    const compiling = js.compile(bytes);
    bytes.fill(0);
    expect(await compiling).to.be.instanceOf(js.Component);
  });

  it('compiles with the engine of the options and wraps an embedding component', () => {
    const engine = new Engine();
    const c = new js.Component('(component)', { engine });
    expect(c.component.engine).to.equal(engine);
    const embedding = EmbeddingComponent.new(engine, EXPORTS_WAT);
    const wrapped = js.Component.fromComponent(embedding, { builtins: ['js/global'] });
    expect(wrapped).to.be.instanceOf(js.Component);
    expect(wrapped.component).to.equal(embedding);
    expect(wrapped.builtins).to.deep.equal(['js/global']);
  });

  it('throws a CompileError for text that is not WAT, and a TypeError for what is not a source', () => {
    expect(() => new js.Component('(component (oops))')).to.throw(WebAssembly.CompileError);
    expect(() => new js.Component(null as unknown as string)).to.throw(TypeError, 'found null');
  });
});

describe('js.ComponentInstance', () => {
  it('refuses what is not a Component', () => {
    expect(() => new js.ComponentInstance({} as js.Component)).to.throw(TypeError, 'expected a Component');
  });

  it('refuses a component that exports an imported resource type, naming the export', () => {
    const wat = '(component (import "r" (type $r (sub resource))) (export "again" (type $r)))';
    expect(() => new js.ComponentInstance(new js.Component(wat), { R: class {} })).to.throw(TypeError, 'resource type export `again` is an imported resource type');
  });
});

describe('js.ComponentInstance of a component that re-exports an import', () => {
  it('is refused before anything runs, naming the export', () => {
    let calls = 0;
    const wat = `(component
      (import "hello" (func $hello (result u32)))
      (core func $hello (canon lower (func $hello)))
      (core module $m (import "" "hello" (func $hello (result i32))) (func $start (drop (call $hello))) (start $start))
      (core instance $i (instantiate $m (with "" (instance (export "hello" (func $hello))))))
      (export "hello-again" (func $hello)))`;
    expect(() => new js.ComponentInstance(new js.Component(wat), { hello: () => ++calls })).to.throw(TypeError, 're-exports of imports (`hello-again`) are not supported yet');
    expect(calls).to.equal(0);
  });
});
