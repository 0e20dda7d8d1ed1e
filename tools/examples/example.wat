;; The example `npm start` compiles, saves, reloads and runs: a small module with an import, a
;; memory, data, a table and a few exports, one of which traps on a zero divisor.
(module $example
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from tswasm")
  (table 2 funcref)
  (elem (i32.const 0) $add $fib)
  (global $calls (mut i32) (i32.const 0))

  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.add (local.get $a) (local.get $b)))

  (func $fib (export "fib") (param $n i64) (result i64)
    (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
      (then (local.get $n))
      (else
        (i64.add
          (call $fib (i64.sub (local.get $n) (i64.const 1)))
          (call $fib (i64.sub (local.get $n) (i64.const 2)))))))

  (func $quotient (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))

  (func $divide (export "divide") (param $a i32) (param $b i32) (result i32)
    (call $quotient (local.get $a) (local.get $b)))

  (func (export "greet")
    (call $log (i32.const 16) (i32.const 17))))
