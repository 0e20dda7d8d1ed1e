import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ALL_SUPPORTED_FEATURES, translateModule, type ModuleTranslation } from '../../src/index.js';
import { readWithWasmparser, type OracleReading } from '../support/wasmparser-oracle.js';

function ourReading(t: ModuleTranslation): OracleReading {
  return {
    imports: t.imports.map((i) => ({ module: i.module, field: i.field, kind: i.type.kind })),
    exports: [...t.exports].map(([name, e]) => ({ name, kind: e.kind, index: e.index })),
    definedFunctionTypes: t.functions.values().slice(t.numImportedFuncs),
    functionBodies: t.functionBodies.length,
    dataSegments: t.dataSegments.length,
    elementSegments: t.elementSegments.length,
  };
}

describe('translateModule, read against the npm wasmparser package', () => {
  it('agrees on a module with every kind of import and export', async () => {
    const bytes = await parse(`(module
      (import "a" "f" (func (param i32)))
      (import "a" "t" (table 1 funcref))
      (import "a" "m" (memory 1))
      (import "a" "g" (global i64))
      (func $x (export "x") (param i32 i32) (result i32) (local.get 0))
      (func (export "y"))
      (table (export "t2") 2 funcref)
      (global (export "g2") (mut i32) (i32.const 1))
      (export "m" (memory 0))
      (elem (i32.const 0) $x)
      (data (i32.const 0) "ab")
      (data "passive"))`);
    expect(ourReading(translateModule(bytes, ALL_SUPPORTED_FEATURES))).to.deep.equal(readWithWasmparser(bytes));
  });

  it('agrees on a large real module (the wasm-tools component jco ships)', () => {
    const require = createRequire(import.meta.url);
    // The package exports no package.json; its entry file sits in dist/.
    const entry = require.resolve('@bytecodealliance/jco-transpile');
    const packageDir = entry.slice(0, entry.lastIndexOf('jco-transpile') + 'jco-transpile'.length);
    const bytes = new Uint8Array(readFileSync(join(packageDir, 'vendor', 'wasm-tools.core.wasm')));
    const ours = ourReading(translateModule(bytes, ALL_SUPPORTED_FEATURES));
    expect(ours.functionBodies).to.be.greaterThan(1000);
    expect(ours).to.deep.equal(readWithWasmparser(bytes));
  });
});
