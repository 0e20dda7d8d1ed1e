import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { ALL_SUPPORTED_FEATURES, ValidationError, describeModule, printModuleDescription } from '../../src/index.js';

describe('describeModule', () => {
  it('describes imports and exports of every kind with their types', async () => {
    const bytes = await parse(`(module
      (import "env" "f" (func (param i32 f64) (result i64)))
      (import "env" "t" (table 1 10 externref))
      (import "env" "m" (memory 1 2 shared))
      (import "env" "g" (global (mut i32)))
      (tag $e (param i32))
      (func $h (result i32) i32.const 0)
      (memory $mem 3)
      (global $c f32 (f32.const 1))
      (table $tab 2 funcref)
      (export "h" (func $h))
      (export "mem" (memory $mem))
      (export "c" (global $c))
      (export "tab" (table $tab))
      (export "e" (tag $e)))`);
    const description = describeModule(bytes, ALL_SUPPORTED_FEATURES);
    expect(description.imports[0]).to.deep.equal({ module: 'env', name: 'f', type: { kind: 'func', params: ['i32', 'f64'], results: ['i64'] } });
    expect(printModuleDescription(description)).to.equal(
      [
        '(import "env" "f" (func (param i32 f64) (result i64)))',
        '(import "env" "t" (table 1 10 externref))',
        '(import "env" "m" (memory 1 2 shared))',
        '(import "env" "g" (global (mut i32)))',
        '(export "h" (func (result i32)))',
        '(export "mem" (memory 3))',
        '(export "c" (global f32))',
        '(export "tab" (table 2 funcref))',
        '(export "e" (tag (param i32)))',
        '',
      ].join('\n'),
    );
  });

  it('throws the validation error of an invalid module, with its offset', () => {
    const bytes = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05);
    expect(() => describeModule(bytes)).to.throw(ValidationError, 'unexpected end-of-file').with.property('offset', 9);
  });
});
