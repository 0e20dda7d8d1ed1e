/**
 * The guest of the component-call benchmark, as WAT text: a core "libc" (memory, bump
 * `cabi_realloc`, `reset` as post-return), a core module of the benchmarked functions that
 * imports libc and two host functions, and the component that lifts and lowers them. The core
 * modules are separate strings so that the hand-written glue instantiates the very same bytes.
 */

/**
 * The fields of a core module with a memory and a bump `cabi_realloc` whose heap starts at 1024
 * (below it: fixed return areas); resetting `$bump` to 1024 frees everything.
 */
export const BUMP_ALLOCATOR_FIELDS = `(memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.shr_u (local.get $size) (i32.const 16)) (i32.const 1))))))
    (global.set $bump (local.get $end))
    (if (local.get $old)
      (then (memory.copy (local.get $ptr) (local.get $old)
        (select (local.get $oldSize) (local.get $size) (i32.lt_u (local.get $oldSize) (local.get $size))))))
    (local.get $ptr))`;

/** Memory, bump allocator and `reset` (the post-return of results in memory, and `sum`'s cleanup). */
export const LIBC_WAT = `(module
  ${BUMP_ALLOCATOR_FIELDS}
  (func (export "reset") (param i32) (global.set $bump (i32.const 1024))))`;

/** The benchmarked functions; return areas live at fixed addresses below the heap. */
export const FUNCS_WAT = `(module
  (import "libc" "memory" (memory 1))
  (import "libc" "reset" (func $reset (param i32)))
  (import "host" "add" (func $hostAdd (param i32 i32) (result i32)))
  (import "host" "log" (func $hostLog (param i32 i32)))
  (data (i32.const 256) "sixteen bytes ok")
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  ;; echo(string) -> string: the argument is returned in place
  (func (export "echo") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (call $reset (i32.const 0))
    (local.get $acc))
  ;; point(record { id: u32, x: f64, y: f64, on: bool }) -> point, at return area 32
  (func (export "point") (param i32 f64 f64 i32) (result i32)
    (i32.store (i32.const 32) (local.get 0))
    (f64.store (i32.const 40) (local.get 1))
    (f64.store (i32.const 48) (local.get 2))
    (i32.store8 (i32.const 56) (local.get 3))
    (i32.const 32))
  ;; shape(variant { none, num(u32), real(f64) }) -> shape, at return area 64
  (func (export "shape") (param i32 i64) (result i32)
    (i32.store8 (i32.const 64) (local.get 0))
    (i64.store (i32.const 72) (local.get 1))
    (i32.const 64))
  (func (export "run-add") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (call $hostAdd (local.get $acc) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (func (export "run-log") (param $n i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (call $hostLog (i32.const 256) (i32.const 16))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))))`;

/**
 * The `counter` resource: its rep is the value the constructor gets, `get` (a method, so a
 * borrow, which arrives as the rep here) returns it, and the destructor counts drops. The
 * destructor lives in its own module because the resource type names it before `new` exists.
 */
export const COUNTER_DTOR_WAT = `(module
  (global $drops (export "drops") (mut i32) (i32.const 0))
  (func (export "dtor") (param i32) (global.set $drops (i32.add (global.get $drops) (i32.const 1)))))`;

/** The counter's constructor and method, over `resource.new`. */
export const COUNTER_WAT = `(module
  (import "res" "new" (func $new (param i32) (result i32)))
  (func (export "new") (param i32) (result i32) (call $new (local.get 0)))
  (func (export "get") (param i32) (result i32) (local.get 0)))`;

/** The component: libc first, so the lowerings can name its memory before the functions exist. */
export const COMPONENT_WAT = `(component
  (import "local:bench/host" (instance $host
    (export "add" (func (param "a" u32) (param "b" u32) (result u32)))
    (export "log" (func (param "s" string)))))
  (core module $libc ${LIBC_WAT.slice('(module'.length, -1)})
  (core module $funcs ${FUNCS_WAT.slice('(module'.length, -1)})
  (core instance $libc (instantiate $libc))
  (alias export $host "add" (func $host-add))
  (alias export $host "log" (func $host-log))
  (core func $add-lowered (canon lower (func $host-add)))
  (core func $log-lowered (canon lower (func $host-log) (memory (core memory $libc "memory"))))
  (core instance $host-core (export "add" (func $add-lowered)) (export "log" (func $log-lowered)))
  (core instance $i (instantiate $funcs (with "libc" (instance $libc)) (with "host" (instance $host-core))))
  (type $point' (record (field "id" u32) (field "x" f64) (field "y" f64) (field "on" bool)))
  (type $shape' (variant (case "none") (case "num" u32) (case "real" f64)))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func $echo (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc"))
      (post-return (core func $libc "reset"))))
  (func $sum (param "xs" (list u32)) (result u32)
    (canon lift (core func $i "sum") (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc"))))
  (func $point-trip (param "p" $point') (result $point')
    (canon lift (core func $i "point") (memory (core memory $libc "memory"))))
  (func $shape-trip (param "s" $shape') (result $shape')
    (canon lift (core func $i "shape") (memory (core memory $libc "memory"))))
  (func $run-add (param "n" u32) (result u32) (canon lift (core func $i "run-add")))
  (func $run-log (param "n" u32) (canon lift (core func $i "run-log")))
  (core module $counter-dtor ${COUNTER_DTOR_WAT.slice('(module'.length, -1)})
  (core instance $counter-dtor (instantiate $counter-dtor))
  (type $counter' (resource (rep i32) (dtor (core func $counter-dtor "dtor"))))
  (core func $counter-new (canon resource.new $counter'))
  (core module $counter ${COUNTER_WAT.slice('(module'.length, -1)})
  (core instance $counter (instantiate $counter (with "res" (instance (export "new" (func $counter-new))))))
  (func $counter-ctor (param "v" u32) (result (own $counter')) (canon lift (core func $counter "new")))
  (func $counter-get (param "self" (borrow $counter')) (result u32) (canon lift (core func $counter "get")))
  ;; The interface export as WIT tooling shapes it: a component that re-exports its imports
  ;; under the interface's type names.
  (component $calls
    (type $point (record (field "id" u32) (field "x" f64) (field "y" f64) (field "on" bool)))
    (type $shape (variant (case "none") (case "num" u32) (case "real" f64)))
    (import "point-in" (type $pi (eq $point)))
    (import "shape-in" (type $si (eq $shape)))
    (import "add-in" (func $add (param "a" u32) (param "b" u32) (result u32)))
    (import "echo-in" (func $echo (param "s" string) (result string)))
    (import "sum-in" (func $sum (param "xs" (list u32)) (result u32)))
    (import "point-trip-in" (func $point-trip (param "p" $pi) (result $pi)))
    (import "shape-trip-in" (func $shape-trip (param "s" $si) (result $si)))
    (import "run-add-in" (func $run-add (param "n" u32) (result u32)))
    (import "run-log-in" (func $run-log (param "n" u32)))
    (import "counter-in" (type $ci (sub resource)))
    (import "counter-ctor-in" (func $counter-ctor (param "v" u32) (result (own $ci))))
    (import "counter-get-in" (func $counter-get (param "self" (borrow $ci)) (result u32)))
    (export $po "point" (type $pi))
    (export $so "shape" (type $si))
    (export "add" (func $add))
    (export "echo" (func $echo))
    (export "sum" (func $sum))
    (export "point-trip" (func $point-trip) (func (param "p" $po) (result $po)))
    (export "shape-trip" (func $shape-trip) (func (param "s" $so) (result $so)))
    (export "run-add" (func $run-add))
    (export "run-log" (func $run-log))
    (export $co "counter" (type $ci))
    (export "[constructor]counter" (func $counter-ctor) (func (param "v" u32) (result (own $co))))
    (export "[method]counter.get" (func $counter-get) (func (param "self" (borrow $co)) (result u32))))
  (instance $calls-instance (instantiate $calls
    (with "point-in" (type $point')) (with "shape-in" (type $shape'))
    (with "add-in" (func $add)) (with "echo-in" (func $echo)) (with "sum-in" (func $sum))
    (with "point-trip-in" (func $point-trip)) (with "shape-trip-in" (func $shape-trip))
    (with "run-add-in" (func $run-add)) (with "run-log-in" (func $run-log))
    (with "counter-in" (type $counter')) (with "counter-ctor-in" (func $counter-ctor)) (with "counter-get-in" (func $counter-get))))
  (export "local:bench/calls" (instance $calls-instance)))`;
