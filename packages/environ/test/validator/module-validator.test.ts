import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { WASM2_FEATURES, FUNCREF, EXTERNREF, ValidationError } from '../../src/index.js';
import { validateModuleBinary } from '../../src/validator/module-validator.js';
import { thrownValidationError } from '../expect-invalid.js';

describe('validateModuleBinary', () => {
  it('fills the validation context, with C.refs from exports, element segments and globals', async () => {
    const wasm = await parse(`(module
      (func $a (data.drop 0)) (func $b) (func $c) (func $d) (func $e)
      (table 1 funcref)
      (global funcref (ref.func $c))
      (export "a" (func $a))
      (elem declare func $b)
      (elem externref (ref.null extern))
      (elem (i32.const 0) funcref (ref.func $d))
      (memory 1)
      (data "x"))`);
    const context = validateModuleBinary(wasm, WASM2_FEATURES);
    expect([...context.declaredFuncRefs].sort()).to.deep.equal([0, 1, 2, 3]);
    expect(context.elemTypes).to.deep.equal([FUNCREF, EXTERNREF, FUNCREF]);
    expect(context.funcTypeIndices.length).to.equal(5);
    expect(context.tables.length).to.equal(1);
    expect(context.memories.length).to.equal(1);
    expect(context.globals.length).to.equal(1);
    expect(context.dataCount).to.equal(1);
    expect(context.features).to.equal(WASM2_FEATURES);
  });
  it('validates the bodies of a Buffer that views part of a larger buffer, with offsets from its start', async () => {
    // The body validator reads through its own plain view of the bytes (see module-validator.ts).
    const wasm = await parse('(module (func (result i32) (i64.const 0)))');
    const outer = new Uint8Array(wasm.length + 7);
    outer.set(wasm, 5);
    const view = Buffer.from(outer.buffer, 5, wasm.length);
    const expected = thrownValidationError(() => validateModuleBinary(wasm, WASM2_FEATURES));
    const actual = thrownValidationError(() => validateModuleBinary(view, WASM2_FEATURES));
    expect(actual).to.be.instanceOf(ValidationError);
    expect(actual.message).to.equal(expected.message);
    expect(actual.offset).to.equal(expected.offset);
  });
  it('leaves the data count null without a data count section', async () => {
    expect(validateModuleBinary(await parse('(module (memory 1) (data (i32.const 0) "x"))'), WASM2_FEATURES).dataCount).to.equal(null);
  });
});

