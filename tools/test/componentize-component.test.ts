import { expect } from 'chai';
import { Component, Engine, js } from '@tswasm/api';
import { ALL_SUPPORTED_FEATURES, componentWit, translateComponent, validateComponent } from '@tswasm/environ';
import { componentizeExample } from '../src/bench/componentize-example.js';
import { wasiShimImports } from '../src/bench/wasi-shim-imports.js';

// A component no one here wrote the code of: componentize-js wraps StarlingMonkey (a JS engine
// built for WASI) around a four-line guest, which makes a 12 MB component importing most of
// WASI 0.2. environ must read it as wasm-tools would.
describe('a component built by componentize-js', function () {
  // The first build takes tens of seconds; later runs reuse it from the temp folder.
  this.timeout(300_000);
  let bytes: Uint8Array;

  before(async () => {
    ({ bytes } = await componentizeExample());
  });

  it('validates and translates', () => {
    validateComponent(bytes, ALL_SUPPORTED_FEATURES);
    const translation = translateComponent(bytes, ALL_SUPPORTED_FEATURES);
    expect(translation.staticModules.length).to.be.greaterThan(0);
    expect(translation.component.initializers.some((i) => i.kind === 'InstantiateModule')).to.equal(true);
  });

  it('prints a world that exports the guest function and imports WASI', () => {
    const wit = componentWit(bytes, ALL_SUPPORTED_FEATURES);
    const world = wit.slice(wit.indexOf('world root {'), wit.indexOf('\n}\n'));
    expect(world).to.include('export greet: func(name: string) -> string;');
    expect(world).to.match(/import wasi:cli\/stdout@0\.2\.\d+;/);
    expect(world).to.match(/import wasi:http\/types@0\.2\.\d+;/);
  });

  it('runs its export with WASI from preview2-shim, compiled and loaded from its artifact', async () => {
    const engine = new Engine();
    const compiled = Component.fromBinary(engine, bytes);
    const imports = wasiShimImports(compiled.componentType().imports.map((item) => item.name));
    for (const loaded of [compiled, Component.deserialize(engine, compiled.serialize())]) {
      const instance = await js.instantiate(js.Component.fromComponent(loaded), imports);
      const { greet } = instance.exports as { greet: (name: string) => string };
      expect(greet('tswasm')).to.equal('hello, tswasm');
      expect(greet('a longer name with ünïcödé')).to.equal('hello, a longer name with ünïcödé');
    }
  });
});
