import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { translateComponent } from '../../../src/index.js';
import { FEATURES } from './support.js';
import { CONFORMANCE_DIR } from '../../support/conformance-dir.js';

const SUITE = join(CONFORMANCE_DIR, 'wasi-testsuite', 'tests');

function wasmFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...wasmFiles(path));
    else if (name.endsWith('.wasm')) out.push(path);
  }
  return out;
}

// A component binary: version 0x0d, layer 1 (bytes 4..7 of the preamble).
function isComponent(bytes: Uint8Array): boolean {
  return bytes[4] === 0x0d && bytes[5] === 0x00 && bytes[6] === 0x01 && bytes[7] === 0x00;
}

describe('translateComponent on real components', function () {
  it('translates every wasip3 component of the WASI test suite', function () {
    if (!existsSync(SUITE)) this.skip(); // the shared conformance checkout is not on this machine
    const components = wasmFiles(SUITE)
      .map((path) => ({ path, bytes: readFileSync(path) }))
      .filter((file) => isComponent(file.bytes));
    expect(components.length).to.be.greaterThan(0);
    for (const { path, bytes } of components) {
      const { staticModules, component } = translateComponent(bytes, FEATURES);
      expect(staticModules.length, path).to.be.greaterThan(0);
      expect(component.initializers.filter((i) => i.kind === 'InstantiateModule').length, path).to.equal(component.numRuntimeInstances);
      expect(component.exports.size, path).to.be.greaterThan(0);
    }
  });
});
