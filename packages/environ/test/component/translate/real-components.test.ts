import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { translateComponent } from '../../../src/index.js';
import { FEATURES } from './support.js';
import { WASI_TESTS_DIR, wasiComponents } from '../../support/wasi-components.js';

describe('translateComponent on real components', function () {
  it('translates every wasip3 component of the WASI test suite', function () {
    if (!existsSync(WASI_TESTS_DIR)) this.skip(); // the shared conformance checkout is not on this machine
    const components = wasiComponents();
    expect(components.length).to.be.greaterThan(0);
    for (const { path, bytes } of components) {
      const { staticModules, component } = translateComponent(bytes, FEATURES);
      expect(staticModules.length, path).to.be.greaterThan(0);
      expect(component.initializers.filter((i) => i.kind === 'InstantiateModule').length, path).to.equal(component.numRuntimeInstances);
      expect(component.exports.size, path).to.be.greaterThan(0);
    }
  });
});
