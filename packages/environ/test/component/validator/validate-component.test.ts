import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { validateComponent, WASM2_FEATURES, withFeatures } from '../../../src/index.js';
import { validateComponentBinary } from '../../../src/component/validator/validate-component.js';
import { expectValidationError } from '../../expect-invalid.js';

const PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

describe('validateComponent', () => {
  it('validates a component with modules, instances, lifts, lowers, resources and exports', async () => {
    const bytes = await parse(`(component
      (import "host" (instance $host
        (export "log" (func (param "msg" string)))))
      (alias export $host "log" (func $log))
      (core module $mem (memory (export "mem") 1)
        (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
      (core instance $mi (instantiate $mem))
      (alias core export $mi "mem" (core memory $memory))
      (alias core export $mi "realloc" (core func $realloc))
      (core func $log (canon lower (func $log) (memory $memory) string-encoding=utf8))
      (type $r (resource (rep i32)))
      (core func $new (canon resource.new $r))
      (core module $m
        (import "h" "log" (func (param i32 i32)))
        (import "h" "new" (func (param i32) (result i32)))
        (func (export "greet") (param i32 i32)))
      (core instance $i (instantiate $m (with "h" (instance (export "log" (func $log)) (export "new" (func $new))))))
      (export $r2 "r" (type $r))
      (func (export "greet") (param "name" string)
        (canon lift (core func $i "greet") (memory $memory) (realloc $realloc))))`);
    const { types, type } = validateComponentBinary(bytes);
    const entry = types.get(type);
    expect(entry.kind).to.equal('component');
    if (entry.kind !== 'component') return;
    expect([...entry.imports.keys()]).to.deep.equal(['host']);
    expect([...entry.exports.keys()]).to.deep.equal(['r', 'greet']);
  });

  it('reports errors of a nested core module at absolute offsets', async () => {
    const bytes = await parse('(component (core module (func (result i32) (i64.const 0))))');
    expectValidationError(() => validateComponent(bytes), 0x24, 'type mismatch: expected i32, found i64');
  });

  it('stops hostile component nesting with a ValidationError, not a stack overflow', () => {
    let inner = Uint8Array.from(PREAMBLE);
    for (let i = 0; i < 150; i++) inner = Uint8Array.from([...PREAMBLE, 0x04, ...leb(inner.length), ...inner]);
    expectValidationError(() => validateComponent(inner), 0x44c, 'component nesting is too deep: more than 100 levels');
  });

  it('rejects an unknown section id at that id', () => {
    expectValidationError(() => validateComponent(Uint8Array.of(...PREAMBLE, 0x0d, 0x00)), 8, 'malformed section id: 13');
  });

  it('rejects a section whose contents end early, at the section end', () => {
    // A type section of 3 bytes whose one record lists no fields: records need one.
    expectValidationError(() => validateComponent(Uint8Array.of(...PREAMBLE, 0x07, 0x03, 0x01, 0x72, 0x00)), 11, 'record type must have at least one field');
  });
});

describe('validateComponent names', () => {
  it('rejects an import name that is not kebab case, at the name', async () => {
    const bytes = await parse('(component (import "Foo_bar" (func)))');
    expectValidationError(() => validateComponent(bytes), 0x13, 'import name `Foo_bar` is not valid: `Foo_bar` is not in kebab case');
  });

  it('rejects names that differ only in case', async () => {
    const bytes = await parse('(component (import "a" (func)) (import "A" (func)))');
    expectValidationError(() => validateComponent(bytes), 0x22, 'import name `A` conflicts with previous name `a`');
  });

  // wasi:http/types has a `method` type beside `[method]incoming-request.method`; only
  // `[method]l.l` clashes with a plain `l` (Explainer.md, "Name uniqueness").
  it('lets a plain name stand beside a method of another resource with that label', async () => {
    const bytes = await parse(`(component (import "types" (instance
      (export "method" (type (sub resource)))
      (export "incoming-request" (type $r (sub resource)))
      (export "[method]incoming-request.method" (func (param "self" (borrow $r)))))))`);
    expect(() => validateComponent(bytes)).to.not.throw();
  });

  it('rejects a plain name beside [method]l.l with the same label', async () => {
    const bytes = await parse(`(component (import "types" (instance
      (export "l" (type $r (sub resource)))
      (export "[static]l.l" (func)))))`);
    expect(() => validateComponent(bytes)).to.throw(/conflicts with previous name `l`/);
  });
});

describe('validateComponent instantiation', () => {
  it('requires every import of an instantiated component', async () => {
    const bytes = await parse('(component (component $c (import "x" (func))) (instance (instantiate $c)))');
    expectValidationError(() => validateComponent(bytes), 0x39, 'missing import named `x`');
  });

  it('checks instantiation arguments against the import types', async () => {
    const bytes = await parse('(component (component $c (import "x" (func (param "a" u32)))) (import "f" (func $f)) (instance (instantiate $c (with "x" (func $f)))))');
    expectValidationError(() => validateComponent(bytes), 0x4b, 'type mismatch for import `x`: expected 1 parameters, found 0');
  });

  it('requires core instantiation arguments for every module import', async () => {
    const bytes = await parse('(component (core module $m (import "env" "f" (func))) (core instance (instantiate $m)))');
    expectValidationError(() => validateComponent(bytes), 0x31, 'missing module instantiation argument named `env`');
  });

  it('binds imported resources to the supplied ones', async () => {
    const bytes = await parse(`(component
      (component $c
        (import "r" (type $r (sub resource)))
        (import "f" (func (param "x" (own $r)))))
      (type $mine (resource (rep i32)))
      (core module $m (func (export "f") (param i32)))
      (core instance $i (instantiate $m))
      (func $f (param "x" (own $mine)) (canon lift (core func $i "f")))
      (instance (instantiate $c (with "r" (type $mine)) (with "f" (func $f)))))`);
    expect(() => validateComponent(bytes)).not.to.throw();
  });
});

describe('validateComponent aliases', () => {
  it('bounds the outer alias count by the enclosing scopes', async () => {
    const bytes = await parse('(component (alias outer 1 0 (type $t)))');
    expectValidationError(() => validateComponent(bytes), 0xd, 'invalid outer alias count of 1');
  });

  it('requires the aliased instance export to exist', async () => {
    const bytes = await parse('(component (import "i" (instance $i)) (alias export $i "x" (func $f)))');
    expectValidationError(() => validateComponent(bytes), 0x1a, 'instance 0 has no export named `x`');
  });
});

describe('validateComponent canon', () => {
  it('requires the lifted core function to have the flattened type', async () => {
    const bytes = await parse('(component (core module $m (func (export "f") (param i64))) (core instance $i (instantiate $m)) (func (export "f") (param "x" u32) (canon lift (core func $i "f"))))');
    expectValidationError(() => validateComponent(bytes), 0x53, 'type mismatch: the core function of `canon lift` must have type [i32] -> [], found [i64] -> []');
  });

  it('requires a memory when strings cross', async () => {
    const bytes = await parse('(component (core module $m (func (export "f") (param i32 i32))) (core instance $i (instantiate $m)) (func (export "f") (param "x" string) (canon lift (core func $i "f"))))');
    expectValidationError(() => validateComponent(bytes), 0x55, 'canonical option `memory` is required');
  });

  it('allows at most one string encoding', async () => {
    const bytes = await parse('(component (import "f" (func $f)) (core func (canon lower (func $f) string-encoding=utf8 string-encoding=utf16)))');
    expectValidationError(() => validateComponent(bytes), 0x1f, 'canonical encoding option `utf16` conflicts with option `utf8`');
  });

  it('allows resource.new only on resources the component defines', async () => {
    const bytes = await parse('(component (import "r" (type $r (sub resource))) (core func (canon resource.new $r)))');
    expectValidationError(() => validateComponent(bytes), 0x14, 'type index 0 is not a local resource');
  });

  it('gates the async built-ins behind componentModelAsync', async () => {
    const bytes = await parse('(component (core func (canon backpressure.inc)))');
    expectValidationError(() => validateComponent(bytes), 0xb, '`backpressure.inc` requires the component model async feature');
    expect(() => validateComponent(bytes, withFeatures(WASM2_FEATURES, { componentModelAsync: true }))).not.to.throw();
  });
});

describe('validateComponent on hostile types', () => {
  it('flattens a deep chain of variants sharing their parts without exponential time', async () => {
    let text = '(component (type $t0 (variant (case "a" u32) (case "b" u32)))';
    for (let i = 1; i <= 60; i++) text += ` (type $t${i} (variant (case "a" $t${i - 1}) (case "b" $t${i - 1})))`;
    text += ' (core module $m (func (export "f") (param i32))) (core instance $i (instantiate $m)) (func (param "x" $t60) (canon lift (core func $i "f"))))';
    const bytes = await parse(text);
    const started = Date.now();
    expectValidationError(() => validateComponent(bytes), 0x334, 'canonical option `memory` is required');
    expect(Date.now() - started).to.be.below(2000);
  });

  it('bounds a chain of instance types exporting each other', async () => {
    let text = '(component (type $i0 (instance))';
    for (let i = 1; i <= 250; i++) text += ` (type $i${i} (instance (export "x" (instance (type $i${i - 1})))))`;
    const bytes = await parse(`${text})`);
    expectValidationError(() => validateComponent(bytes), 0xa71, 'type nesting is too deep: more than 200 levels');
  });

  it('rejects a value type whose canonical ABI size reaches 2^28 bytes', async () => {
    const bytes = await parse('(component (type (list u64 33554432)))');
    expectValidationError(() => validateComponent(bytes, withFeatures(WASM2_FEATURES, { componentModelFixedLengthLists: true })), 0xb, 'type exceeds maximum byte size of 268435455');
  });
});

describe('validateComponent subtyping messages', () => {
  it('names the innermost part that differs', async () => {
    const bytes = await parse(`(component
      (type $a (record (field "x" u32)))
      (type $b (record (field "x" string)))
      (component $c (import "x" (type (eq $a))))
      (instance (instantiate $c (with "x" (type $b)))))`);
    expectValidationError(() => validateComponent(bytes), 0x47, 'type mismatch for import `x`: type mismatch: expected primitive `u32` found primitive `string`');
  });
});
