import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { translateComponent } from '../../../src/index.js';
import { FEATURES } from './support.js';
import { assertOnlyValidationErrors } from '../../support/mutated-inputs.js';

// Nested components with an adapter, a transcoder, resources, aliases and re-exports, so that
// mutations reach each part of the inline phase.
const COMPONENT = `(component
  (import "host" (instance $host (export "r" (type $r (sub resource))) (export "log" (func (param "m" string)))))
  (alias export $host "r" (type $hr))
  (component $A
    (core module $m
      (memory (export "mem") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
      (func (export "echo") (param i32 i32) (result i32) i32.const 0)
      (func (export "post") (param i32)))
    (core instance $i (instantiate $m))
    (type $R (resource (rep i32)))
    (core func (canon resource.new $R))
    (export "r" (type $R))
    (func (export "echo") (param "s" string) (result string)
      (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc")) (post-return (core func $i "post")))))
  (component $B
    (import "echo" (func $echo (param "s" string) (result string)))
    (core module $libc (memory (export "mem") 1) (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
    (core instance $libc (instantiate $libc))
    (core func $echo (canon lower (func $echo) (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) string-encoding=utf16))
    (core module $main (import "" "echo" (func (param i32 i32 i32))))
    (core instance (instantiate $main (with "" (instance (export "echo" (func $echo))))))
    (export "echo2" (func $echo)))
  (instance $a (instantiate $A))
  (instance $b (instantiate $B (with "echo" (func $a "echo"))))
  (core func (canon resource.drop $hr))
  (export "b" (instance $b))
  (export "host" (instance $host)))`;

describe('translateComponent on mutated components', () => {
  it('translates the unmutated component', async () => {
    const { component } = translateComponent(await parse(COMPONENT), FEATURES);
    expect(component.numAdapters).to.equal(1);
  });

  it('throws nothing but ValidationError for byte flips, insertions and truncations', async () => {
    const base = await parse(COMPONENT);
    assertOnlyValidationErrors(base, (input) => translateComponent(input, FEATURES));
  });
});
