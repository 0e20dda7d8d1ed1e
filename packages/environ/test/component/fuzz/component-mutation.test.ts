import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { ValidationError, validateComponent, WASM2_FEATURES, withFeatures } from '../../../src/index.js';
import { assertOnlyValidationErrors } from '../../support/mutated-inputs.js';

// A component touching every section kind, nested components and modules, resources, canonical
// options and async built-ins, so that mutations land in each reader.
const COMPONENT = `(component
  (type $I (instance
    (export "r" (type $r (sub resource)))
    (export "[method]r.get" (func (param "self" (borrow $r)) (result u32)))))
  (import "host" (instance $host (type $I)))
  (alias export $host "r" (type $hr))
  (core module $mem (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
  (core instance $mi (instantiate $mem))
  (alias core export $mi "mem" (core memory $memory))
  (alias core export $mi "realloc" (core func $realloc))
  (type $rec (record (field "a" u8) (field "b" string) (field "c" (list (tuple u32 f64)))))
  (type $var (variant (case "x" $rec) (case "y") (case "z" (own $hr))))
  (type $res (resource (rep i32)))
  (core func $new (canon resource.new $res))
  (core func $drop (canon resource.drop $hr))
  (core func $bp (canon backpressure.inc))
  (core module $m
    (import "i" "new" (func (param i32) (result i32)))
    (import "i" "drop" (func (param i32)))
    (func (export "f") (param i32 i32 i32 i32 i32) unreachable))
  (core instance $i (instantiate $m (with "i" (instance (export "new" (func $new)) (export "drop" (func $drop))))))
  (export $rec' "rec" (type $rec))
  (func (export "f") (param "a" $rec') (canon lift (core func $i "f") (memory $memory) (realloc $realloc) string-encoding=utf8))
  (component $inner
    (import "x" (func $x (param "v" u32)))
    (export "y" (func $x)))
  (import "g" (func $g (param "v" u32)))
  (instance (instantiate $inner (with "x" (func $g)))))`;

const FEATURES = withFeatures(WASM2_FEATURES, { componentModelAsync: true });

describe('validateComponent on mutated components', () => {
  it('accepts the unmutated component', async () => {
    expect(() => validateComponent(new Uint8Array(0)), 'sanity').to.throw(ValidationError);
    validateComponent(await parse(COMPONENT), FEATURES);
  });

  it('throws nothing but ValidationError for byte flips, insertions and truncations', async () => {
    const base = await parse(COMPONENT);
    assertOnlyValidationErrors(base, (input) => validateComponent(input, FEATURES));
  });
});
