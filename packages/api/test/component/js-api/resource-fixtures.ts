// Components with resources that the JS API binding tests run, as text.

/**
 * A guest that exports resource `counter` (rep: the index of a memory cell holding its value)
 * with `[constructor]counter(start)`, methods `get`, `increment(by)`, `call-back` (calls the
 * imported `callback` while its `self` is lent) and `boom` (traps), statics `zero` and `name`
 * (reserved, so it lands on the exports object); and functions `consume(own)` (drops it,
 * returning its value), `sum(borrow, borrow)`, `peek-opt(option<borrow>)`, `make-two(v) ->
 * list<own>` (values `v` and `v + 1`), `dtors` (destructor calls) and `last` (the last rep
 * destroyed). The destructor traps for a counter whose value is 666.
 */
export const GUEST_COUNTER_WAT = `(component
  (import "callback" (func $callback))
  (core func $callback (canon lower (func $callback)))
  (core module $indirect
    (table (export "t") 1 funcref)
    (type $ft (func (param i32)))
    (func (export "dtor") (param i32) (call_indirect (type $ft) (local.get 0) (i32.const 0))))
  (core instance $d (instantiate $indirect))
  (type $c (resource (rep i32) (dtor (core func $d "dtor"))))
  (export $C "counter" (type $c))
  (core func $new (canon resource.new $c))
  (core func $drop (canon resource.drop $c))
  (core func $rep (canon resource.rep $c))
  (core module $m
    (import "" "t" (table 1 funcref))
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (import "" "callback" (func $callback))
    (memory (export "mem") 1)
    (global $next (mut i32) (i32.const 1))
    (global $dtors (mut i32) (i32.const 0))
    (global $last (mut i32) (i32.const 0))
    (func $cell (param i32) (result i32) (i32.shl (local.get 0) (i32.const 2)))
    (func $dtor (param $rep i32)
      (if (i32.eq (i32.load (call $cell (local.get $rep))) (i32.const 666)) (then unreachable))
      (global.set $dtors (i32.add (global.get $dtors) (i32.const 1)))
      (global.set $last (local.get $rep)))
    (elem (i32.const 0) $dtor)
    (func $make (param $v i32) (result i32) (local $i i32)
      (local.set $i (global.get $next))
      (global.set $next (i32.add (local.get $i) (i32.const 1)))
      (i32.store (call $cell (local.get $i)) (local.get $v))
      (call $new (local.get $i)))
    (func (export "new") (param i32) (result i32) (call $make (local.get 0)))
    (func (export "get") (param $self i32) (result i32) (i32.load (call $cell (local.get $self))))
    (func (export "increment") (param $self i32) (param $by i32)
      (i32.store (call $cell (local.get $self)) (i32.add (i32.load (call $cell (local.get $self))) (local.get $by))))
    (func (export "call-back") (param $self i32) (call $callback))
    (func (export "boom") (param i32) unreachable)
    (func (export "zero") (result i32) (call $make (i32.const 0)))
    (func (export "name") (result i32) (i32.const 42))
    (func (export "consume") (param $h i32) (result i32) (local $v i32)
      (local.set $v (i32.load (call $cell (call $rep (local.get $h)))))
      (call $drop (local.get $h))
      (local.get $v))
    (func (export "sum") (param $a i32) (param $b i32) (result i32)
      (i32.add (i32.load (call $cell (local.get $a))) (i32.load (call $cell (local.get $b)))))
    (func (export "peek-opt") (param $some i32) (param $b i32) (result i32)
      (if (result i32) (local.get $some) (then (i32.load (call $cell (local.get $b)))) (else (i32.const 0))))
    (func (export "make-two") (param $v i32) (result i32)
      (i32.store (i32.const 1024) (call $make (local.get $v)))
      (i32.store (i32.const 1028) (call $make (i32.add (local.get $v) (i32.const 1))))
      (i32.store (i32.const 1032) (i32.const 1024))
      (i32.store (i32.const 1036) (i32.const 2))
      (i32.const 1032))
    (func (export "dtors") (result i32) (global.get $dtors))
    (func (export "last") (result i32) (global.get $last)))
  (core instance $i (instantiate $m (with "" (instance
    (export "t" (table $d "t"))
    (export "new" (func $new))
    (export "drop" (func $drop))
    (export "rep" (func $rep))
    (export "callback" (func $callback))))))
  (func (export "[constructor]counter") (param "start" u32) (result (own $C)) (canon lift (core func $i "new")))
  (func (export "[method]counter.get") (param "self" (borrow $C)) (result u32) (canon lift (core func $i "get")))
  (func (export "[method]counter.increment") (param "self" (borrow $C)) (param "by" u32) (canon lift (core func $i "increment")))
  (func (export "[method]counter.call-back") (param "self" (borrow $C)) (canon lift (core func $i "call-back")))
  (func (export "[method]counter.boom") (param "self" (borrow $C)) (canon lift (core func $i "boom")))
  (func (export "[static]counter.zero") (result (own $C)) (canon lift (core func $i "zero")))
  (func (export "[static]counter.name") (result u32) (canon lift (core func $i "name")))
  (func (export "consume") (param "c" (own $C)) (result u32) (canon lift (core func $i "consume")))
  (func (export "sum") (param "a" (borrow $C)) (param "b" (borrow $C)) (result u32) (canon lift (core func $i "sum")))
  (func (export "peek-opt") (param "c" (option (borrow $C))) (result u32) (canon lift (core func $i "peek-opt")))
  (func (export "make-two") (param "v" u32) (result (list (own $C))) (canon lift (core func $i "make-two") (memory (core memory $i "mem"))))
  (func (export "dtors") (result u32) (canon lift (core func $i "dtors")))
  (func (export "last") (result u32) (canon lift (core func $i "last"))))`;

/**
 * A guest that imports resource `thing` with `[constructor]thing(v)`, `[method]thing.get` and
 * `[static]thing.zero`: `roundtrip(v)` constructs one, reads it through a borrow and drops
 * it; `from-zero` does the same with `zero()`'s; `hold` keeps an own the host passes,
 * `give` returns it, `drop-held` drops it; `peek` reads its borrow through `get`;
 * `keep-borrow` returns without dropping its borrow (a trap).
 */
export const HOST_THING_WAT = `(component
  (import "thing" (type $T (sub resource)))
  (import "[constructor]thing" (func $ctor (param "v" u32) (result (own $T))))
  (import "[method]thing.get" (func $get (param "self" (borrow $T)) (result u32)))
  (import "[static]thing.zero" (func $zero (result (own $T))))
  (core func $ctor (canon lower (func $ctor)))
  (core func $get (canon lower (func $get)))
  (core func $zero (canon lower (func $zero)))
  (core func $drop (canon resource.drop $T))
  (core module $m
    (import "" "ctor" (func $ctor (param i32) (result i32)))
    (import "" "get" (func $get (param i32) (result i32)))
    (import "" "zero" (func $zero (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (global $held (mut i32) (i32.const 0))
    (func $read-and-drop (param $h i32) (result i32) (local $v i32)
      (local.set $v (call $get (local.get $h)))
      (call $drop (local.get $h))
      (local.get $v))
    (func (export "roundtrip") (param i32) (result i32) (call $read-and-drop (call $ctor (local.get 0))))
    (func (export "from-zero") (result i32) (call $read-and-drop (call $zero)))
    (func (export "hold") (param i32) (global.set $held (local.get 0)))
    (func (export "give") (result i32) (global.get $held))
    (func (export "drop-held") (call $drop (global.get $held)))
    (func (export "peek") (param $b i32) (result i32) (call $read-and-drop (local.get $b)))
    (func (export "keep-borrow") (param i32)))
  (core instance $i (instantiate $m (with "" (instance
    (export "ctor" (func $ctor))
    (export "get" (func $get))
    (export "zero" (func $zero))
    (export "drop" (func $drop))))))
  (func (export "roundtrip") (param "v" u32) (result u32) (canon lift (core func $i "roundtrip")))
  (func (export "from-zero") (result u32) (canon lift (core func $i "from-zero")))
  (func (export "hold") (param "t" (own $T)) (canon lift (core func $i "hold")))
  (func (export "give") (result (own $T)) (canon lift (core func $i "give")))
  (func (export "drop-held") (canon lift (core func $i "drop-held")))
  (func (export "peek") (param "t" (borrow $T)) (result u32) (canon lift (core func $i "peek")))
  (func (export "keep-borrow") (param "t" (borrow $T)) (canon lift (core func $i "keep-borrow"))))`;
