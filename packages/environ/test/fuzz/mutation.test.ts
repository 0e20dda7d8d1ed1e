import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import fc from 'fast-check';
import { ALL_SUPPORTED_FEATURES, ValidationError, validateModule } from '../../src/index.js';

// Real modules to mutate, written to touch every section and each proposal's instructions, so
// that mutations land in interesting places (LEB immediates, block types, names, limits).
const CORPUS = [
  `(module $m
    (type $t (func (param i32 i64) (result f32)))
    (import "env" "f" (func $imp (type $t)))
    (import "env" "g" (global $g i32))
    (import "env" "mem" (memory 1 2))
    (table $tab 4 funcref)
    (global $mg (mut i64) (i64.const -7))
    (export "run" (func $run))
    (export "tab" (table $tab))
    (start $init)
    (elem (i32.const 0) $run $init)
    (elem declare func $init)
    (data (i32.const 8) "\\00\\01\\02 data")
    (data $passive "passive")
    (func $init)
    (func $run (param $x i32) (result i32) (local $l i64) (local f64)
      (block $b (result i32)
        (loop $lp
          (br_if $lp (i32.eqz (local.get $x)))
          (br_table $b $b (i32.const 1) (local.get $x)))
        (i32.const 3))
      (drop)
      (if (result i32) (local.get $x) (then (i32.const 1)) (else (i32.const 2)))
      (drop)
      (call_indirect (type $t) (i32.const 1) (i64.const 2) (i32.const 0))
      (drop)
      (memory.init $passive (i32.const 0) (i32.const 0) (i32.const 2))
      (data.drop $passive)
      (ref.is_null (ref.func $init)) (drop)
      (f64.store offset=8 align=4 (i32.const 0) (f64.const 1.5))
      (i64.extend32_s (local.get $l)) (drop)
      (i32.trunc_sat_f32_s (f32.const -1)) (drop)
      (select (i32.const 1) (i32.const 2) (global.get $g))
      (memory.grow (i32.const 1))
      (i32.add)))`,
  `(module
    (memory 1 1 shared)
    (func (export "simd") (param v128) (result v128)
      (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (local.get 0) (v128.const i32x4 1 2 3 4))
      (f32x4.add (v128.load offset=16 (i32.const 0)))
      (i16x8.replace_lane 3 (i32.const 7))
      (v128.store (i32.const 32) (local.get 0))
      (i32x4.extract_lane 2 (local.get 0)) (drop))
    (func (export "atomics") (param i32) (result i32)
      (i32.atomic.rmw.add (local.get 0) (i32.const 1)) (drop)
      (memory.atomic.notify (i32.const 0) (i32.const 1)) (drop)
      (atomic.fence)
      (i64.atomic.rmw32.cmpxchg_u (i32.const 8) (i64.const 0) (i64.const 1)) (drop)
      (i32.atomic.load16_u (local.get 0))))`,
  `(module
    (tag $e (param i32))
    (func $thrower (param i32) (throw $e (local.get 0)))
    (func (export "legacy") (result i32)
      try (result i32)
        i32.const 1
        call $thrower
        i32.const 0
      catch $e
      catch_all
        i32.const 2
      end)
    (func (export "exnref") (result i32)
      (block $h (result i32)
        (try_table (catch $e $h) (call $thrower (i32.const 5)))
        (i32.const 0)))
    (func $tail (param i32) (result i32)
      (if (result i32) (local.get 0)
        (then (return_call $tail (i32.sub (local.get 0) (i32.const 1))))
        (else (i32.const 0)))))`,
  `(module
    (import "env" "base" (global $base i32))
    (memory $a 1)
    (memory $b 2)
    (global $sum i32 (i32.add (global.get $base) (i32.mul (i32.const 8) (i32.const 8))))
    (data (memory $b) (global.get $base) "multi")
    (func (export "copy")
      (memory.copy $a $b (i32.const 0) (i32.const 0) (i32.const 5))
      (i32.store $b (i32.const 0) (i32.load $a (i32.const 4)))
      (drop (memory.size $b))))`,
];

/** One edit of a byte array. */
type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; value: number }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'leb'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.constantFrom(0x00, 0x7f, 0x80, 0xff, 0x0b, 0x40, 0x60, 0xfd, 0xfe, 0xfc) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  // An overlong or oversized LEB128: continuation bytes followed by a terminator.
  fc.record({ kind: fc.constant('leb' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
);

function apply(bytes: Uint8Array, edits: readonly Mutation[]): Uint8Array {
  let out = Array.from(bytes);
  for (const edit of edits) {
    if (out.length === 0) break;
    const at = edit.at % out.length;
    switch (edit.kind) {
      case 'flip':
        out[at] = (out[at] as number) ^ (1 << edit.bit);
        break;
      case 'set':
        out[at] = edit.value;
        break;
      case 'insert':
        out.splice(at, 0, edit.value);
        break;
      case 'delete':
        out.splice(at, edit.count);
        break;
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'leb':
        out.splice(at, 1, ...new Array<number>(edit.length).fill(0xff), 0x0f);
        break;
    }
  }
  return Uint8Array.from(out);
}

describe('validateModule on mutated real modules', function () {
  // CI runs the full 10,000 cases; a developer's `npm test` runs a quicker sample.
  const numRuns = process.env['CI'] ? 10_000 : 2_000;
  const seeds: Uint8Array[] = [];

  before(async () => {
    for (const text of CORPUS) seeds.push(await parse(text));
  });

  it('starts from modules that are valid', () => {
    for (const seed of seeds) validateModule(seed, ALL_SUPPORTED_FEATURES);
  });

  it(`only ever throws ValidationError with an offset inside the input (${numRuns} cases)`, () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, edits) => {
        const input = apply(seeds[pick % seeds.length] as Uint8Array, edits);
        try {
          validateModule(input, ALL_SUPPORTED_FEATURES);
        } catch (e) {
          expect(e).to.be.instanceOf(ValidationError);
          const offset = (e as ValidationError).offset;
          expect(offset).to.be.within(0, input.length);
        }
      }),
      { numRuns, seed: 0x7357 },
    );
  });

  it('rejects every truncation of a valid module with ValidationError', () => {
    const seed = seeds[0] as Uint8Array;
    for (let length = 0; length < seed.length; length++) {
      // A cut exactly at a section boundary leaves a valid module; anything else must be rejected cleanly.
      try {
        validateModule(seed.subarray(0, length), ALL_SUPPORTED_FEATURES);
      } catch (e) {
        expect(e, `truncated to ${length}`).to.be.instanceOf(ValidationError);
      }
    }
  });
});
