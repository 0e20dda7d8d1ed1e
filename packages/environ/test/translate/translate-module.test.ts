import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { BinaryReader, translateModule, validateModule, FUNCREF, I32, I64, ValidationError } from '../../src/index.js';
import type { FuncIndex } from '../../src/index.js';

const WAT = `(module $demo
  (type $v (func))
  (type $ii (func (param i32) (result i32)))
  (type $l (func (param i64)))
  (import "env" "log" (func $log (type $l)))
  (import "env" "base" (global $base i32))
  (import "env" "table" (table 1 funcref))
  (memory $mem 1 4)
  (global $counter (mut i32) (global.get $base))
  (global $fref funcref (ref.func $inc))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $init (type $v))
  (func $hidden (type $l))
  (func $tabled (type $l))
  (export "inc" (func $inc))
  (export "memory" (memory $mem))
  (start $init)
  (elem (i32.const 0) $tabled)
  (data (memory $mem) (i32.const 16) "hi")
  (data "passive"))`;

describe('translateModule', () => {
  it('translates a module into its ModuleTranslation', async () => {
    const wasm = await parse(WAT);
    const t = translateModule(wasm);
    expect(t.wasm).to.equal(wasm);
    expect(t.types.length).to.equal(3);
    expect(t.types.values()[1]?.composite).to.deep.equal({ kind: 'func', params: [I32], results: [I32] });
    expect(t.imports.map((entry) => `${entry.module}.${entry.field}:${entry.type.kind}`)).to.deep.equal(['env.log:func', 'env.base:global', 'env.table:table']);
    expect([t.numImportedFuncs, t.numImportedGlobals, t.numImportedTables, t.numImportedMemories, t.numImportedTags]).to.deep.equal([1, 1, 1, 0, 0]);
    expect(t.functions.values()).to.deep.equal([2, 1, 0, 2, 2]);
    expect(t.memories.values()).to.deep.equal([{ limits: { min: 1, max: 4 }, shared: false, is64: false, pageSizeLog2: 16 }]);
    expect(t.globals.values()).to.deep.equal([
      { type: { content: I32, mutable: false }, init: null },
      { type: { content: I32, mutable: true }, init: [{ kind: 'global.get', global: 0 }] },
      { type: { content: FUNCREF, mutable: false }, init: [{ kind: 'ref.func', func: 1 }] },
    ]);
    expect([...t.exports]).to.deep.equal([
      ['inc', { kind: 'func', index: 1 }],
      ['memory', { kind: 'memory', index: 0 }],
    ]);
    expect(t.start).to.equal(2);
    expect(t.elementSegments.values()).to.deep.equal([
      { mode: { kind: 'active', table: 0, offset: [{ kind: 'i32.const', value: 0 }] }, elementType: FUNCREF, items: { kind: 'functions', functions: [4] } },
    ]);
    const [active, passive] = t.dataSegments.values();
    expect(active?.mode).to.deep.equal({ kind: 'active', memory: 0, offset: [{ kind: 'i32.const', value: 16 }] });
    expect(new TextDecoder().decode(wasm.subarray(active?.data.offset, (active?.data.offset ?? 0) + (active?.data.length ?? 0)))).to.equal('hi');
    expect(passive?.mode).to.deep.equal({ kind: 'passive' });
    expect(passive?.data.length).to.equal(7);
    // No body uses memory.init or data.drop, so the encoder leaves out the data count section.
    expect(t.dataCount).to.equal(null);
    expect(t.names.moduleName).to.equal('demo');
    expect(t.names.functionNames.get(3 as FuncIndex)).to.equal('hidden');
    // $inc is exported and in a global, $tabled in an element segment; $init and $hidden escape
    // nowhere, and the imported $log is not referenced.
    expect(t.exportedSignatures).to.deep.equal([1, 2]);
  });

  it('records function bodies that environ\'s reader can walk', async () => {
    const wasm = await parse(WAT);
    const t = translateModule(wasm);
    expect(t.functionBodies.length).to.equal(4);
    const body = t.functionBodies.values()[0];
    if (body === undefined) throw new Error('no body');
    const reader = new BinaryReader(wasm, body.offset, body.offset + body.length);
    expect(reader.readVarU32()).to.equal(0); // no local declarations
    const code: number[] = [];
    while (!reader.eof) code.push(reader.readU8());
    expect(code).to.deep.equal([0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b]);
  });

  it('validates a module through the same path', async () => {
    expect(() => validateModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).not.to.throw();
    expect(() => validateModule(Uint8Array.of(1))).to.throw(ValidationError);
  });

  it('reads an i64 parameter type', async () => {
    expect(translateModule(await parse(WAT)).types.values()[2]?.composite).to.deep.equal({ kind: 'func', params: [I64], results: [] });
  });
});
