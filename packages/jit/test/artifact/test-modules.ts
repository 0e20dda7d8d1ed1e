// Real modules for the artifact tests, assembled by jco from text: a rich one that touches
// every field of a ModuleTranslation (imports of every kind, const exprs with bigint, NaN
// payloads and v128, every element and data segment form, a start function, names, a custom
// section), and small edge cases.

import { parse } from '@bytecodealliance/jco';

/** A module with every kind of import, export, segment and constant the translation records. */
export const RICH_WAT = `
(module $rich
  (type $sig (func (param i32 i64) (result f32)))
  (type $pair (func (param i32 i32) (result i32)))
  (import "env" "f" (func $imp (type $sig)))
  (import "env" "t" (table $it 1 10 funcref))
  (import "env" "m" (memory $im 1 2))
  (import "env" "g" (global $ig i32))
  (import "env" "g64" (global $ig64 i64))
  (import "env" "tag" (tag $itag (param i32)))
  (table $t 2 externref)
  (table $tf 4 funcref)
  (memory $m 1)
  (global $g1 (mut i64) (i64.const -9223372036854775808))
  (global $g2 f32 (f32.const nan:0x200001))
  (global $g3 f64 (f64.const -nan:0xfffffffffffff))
  (global $g4 v128 (v128.const i32x4 1 2 3 0xffffffff))
  (global $g5 funcref (ref.func $add))
  (global $g6 externref (ref.null extern))
  (global $g7 i32 (i32.add (global.get $ig) (i32.const 5)))
  (global $g8 i64 (i64.mul (global.get $ig64) (i64.const 3)))
  (global $g9 (mut f64) (f64.const 1.5))
  (tag $tg (param i64))
  (func $add (export "add") (type $pair) (param $a i32) (param $b i32) (result i32) (local $tmp i32)
    local.get $a local.get $b i32.add)
  (func $other (result i32) i32.const 7)
  (func $start)
  (start $start)
  (elem (table $tf) (i32.const 0) func $add $other)
  (elem $passive funcref (ref.func $add) (ref.null func))
  (elem declare func $other)
  (elem (table $tf) (offset (global.get $ig)) funcref (item ref.func $add))
  (data (memory $m) (i32.const 16) "hello")
  (data $pd "passive\\00\\ff")
  (data (memory $m) (offset (global.get $ig)) "at a global")
  (export "mem" (memory $m))
  (export "tab" (table $tf))
  (export "g1" (global $g1))
  (export "tg" (tag $tg))
  (export "imp" (func $imp))
  (@custom "my-section" "custom payload")
)`;

/** A module V8 can compile without imports: memory, data, a name section and exports. */
export const RUNNABLE_WAT = `
(module $runnable
  (memory (export "memory") 1)
  (global $counter (mut i32) (i32.const 0))
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a local.get $b i32.add)
  (func $bump (export "bump") (result i32)
    global.get $counter i32.const 1 i32.add global.set $counter global.get $counter)
  (func $load (export "load") (param $p i32) (result i32) local.get $p i32.load8_u)
  (data (i32.const 0) "tswasm artifact test data, some bytes to make the artifact a few KB")
  (data (i32.const 1024) "${'0123456789abcdef'.repeat(128)}")
)`;

/** Assembles WAT text; jco returns a Buffer in Node, so this copies to a plain Uint8Array. */
export async function assemble(wat: string): Promise<Uint8Array> {
  return new Uint8Array(await parse(wat));
}
