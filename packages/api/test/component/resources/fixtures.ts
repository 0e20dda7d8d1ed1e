// Components the resource tests run, as text.

/**
 * A guest that defines resource `r` (and `s`), with a destructor that counts its calls and
 * remembers the last rep: `make(v)` returns an own whose rep is `v`, `get` takes a borrow (which
 * arrives as the rep, since the guest implements `r`), `consume` takes an own and drops it,
 * `double-drop` drops one handle twice, `return-r-as-s` returns an `r` handle typed as `s`.
 */
export const GUEST_RESOURCE_WAT = `(component
  (core module $indirect
    (table (export "t") 1 funcref)
    (type $ft (func (param i32)))
    (func (export "dtor") (param i32) (call_indirect (type $ft) (local.get 0) (i32.const 0))))
  (core instance $d (instantiate $indirect))
  (type $r (resource (rep i32) (dtor (core func $d "dtor"))))
  (type $s (resource (rep i32)))
  (export $R "r" (type $r))
  (export $S "s" (type $s))
  (core func $new (canon resource.new $r))
  (core func $rep (canon resource.rep $r))
  (core func $drop (canon resource.drop $r))
  (core func $snew (canon resource.new $s))
  (core module $m
    (import "" "t" (table 1 funcref))
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "" "snew" (func $snew (param i32) (result i32)))
    (global $dtors (mut i32) (i32.const 0))
    (global $last (mut i32) (i32.const 0))
    (func $dtor (param i32)
      (global.set $dtors (i32.add (global.get $dtors) (i32.const 1)))
      (global.set $last (local.get 0)))
    (elem (i32.const 0) $dtor)
    (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
    (func (export "make-s") (param i32) (result i32) (call $snew (local.get 0)))
    (func (export "get") (param i32) (result i32) (local.get 0))
    (func (export "consume") (param $h i32) (result i32) (local $v i32)
      (local.set $v (call $rep (local.get $h)))
      (call $drop (local.get $h))
      (local.get $v))
    (func (export "dtors") (result i32) (global.get $dtors))
    (func (export "last") (result i32) (global.get $last))
    (func (export "double-drop") (local $h i32)
      (local.set $h (call $new (i32.const 5)))
      (call $drop (local.get $h))
      (call $drop (local.get $h)))
    (func (export "return-r-as-s") (result i32) (call $new (i32.const 6))))
  (core instance $i (instantiate $m (with "" (instance
    (export "t" (table $d "t"))
    (export "new" (func $new))
    (export "rep" (func $rep))
    (export "drop" (func $drop))
    (export "snew" (func $snew))))))
  (func (export "make") (param "v" u32) (result (own $R)) (canon lift (core func $i "make")))
  (func (export "make-s") (param "v" u32) (result (own $S)) (canon lift (core func $i "make-s")))
  (func (export "get") (param "self" (borrow $R)) (result u32) (canon lift (core func $i "get")))
  (func (export "consume") (param "x" (own $R)) (result u32) (canon lift (core func $i "consume")))
  (func (export "dtors") (result u32) (canon lift (core func $i "dtors")))
  (func (export "last") (result u32) (canon lift (core func $i "last")))
  (func (export "double-drop") (canon lift (core func $i "double-drop")))
  (func (export "return-r-as-s") (result (own $S)) (canon lift (core func $i "return-r-as-s"))))`;

/**
 * A guest that imports host resource `thing` with `make(v) -> own<thing>` and
 * `read(borrow<thing>) -> u32`: `roundtrip(v)` makes one, reads it through a borrow and drops
 * it; `hold` keeps an own the host passes, `give` returns it, `drop-held` drops it; `peek`
 * passes its borrow on to `read` and drops it; `keep-borrow` returns without dropping its
 * borrow; `drop-twice` drops its own twice.
 */
export const HOST_RESOURCE_WAT = `(component
  (import "thing" (type $T (sub resource)))
  (import "make" (func $make (param "v" u32) (result (own $T))))
  (import "read" (func $read (param "t" (borrow $T)) (result u32)))
  (core func $make' (canon lower (func $make)))
  (core func $read' (canon lower (func $read)))
  (core func $drop (canon resource.drop $T))
  (core module $m
    (import "" "make" (func $make (param i32) (result i32)))
    (import "" "read" (func $read (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (global $held (mut i32) (i32.const 0))
    (func (export "roundtrip") (param i32) (result i32) (local $h i32) (local $v i32)
      (local.set $h (call $make (local.get 0)))
      (local.set $v (call $read (local.get $h)))
      (call $drop (local.get $h))
      (local.get $v))
    (func (export "hold") (param i32) (global.set $held (local.get 0)))
    (func (export "give") (result i32) (global.get $held))
    (func (export "drop-held") (call $drop (global.get $held)))
    (func (export "peek") (param $b i32) (result i32) (local $v i32)
      (local.set $v (call $read (local.get $b)))
      (call $drop (local.get $b))
      (local.get $v))
    (func (export "keep-borrow") (param i32))
    (func (export "drop-twice") (param $h i32)
      (call $drop (local.get $h))
      (call $drop (local.get $h))))
  (core instance $i (instantiate $m (with "" (instance
    (export "make" (func $make'))
    (export "read" (func $read'))
    (export "drop" (func $drop))))))
  (func (export "roundtrip") (param "v" u32) (result u32) (canon lift (core func $i "roundtrip")))
  (func (export "hold") (param "t" (own $T)) (canon lift (core func $i "hold")))
  (func (export "give") (result (own $T)) (canon lift (core func $i "give")))
  (func (export "drop-held") (canon lift (core func $i "drop-held")))
  (func (export "peek") (param "t" (borrow $T)) (result u32) (canon lift (core func $i "peek")))
  (func (export "keep-borrow") (param "t" (borrow $T)) (canon lift (core func $i "keep-borrow")))
  (func (export "drop-twice") (param "t" (own $T)) (canon lift (core func $i "drop-twice"))))`;

/**
 * Handle numbering inside one instance (after the conformance suite's handle-table test):
 * indices from 1, the last freed reused first; `run` returns 42 when every check holds.
 */
export const HANDLE_NUMBERING_WAT = `(component
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core func $drop (canon resource.drop $R))
  (core func $rep (canon resource.rep $R))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (func (export "run") (result i32)
      (if (i32.ne (i32.const 1) (call $new (i32.const 100))) (then unreachable))
      (if (i32.ne (i32.const 2) (call $new (i32.const 200))) (then unreachable))
      (if (i32.ne (i32.const 3) (call $new (i32.const 300))) (then unreachable))
      (call $drop (i32.const 2))
      (if (i32.ne (i32.const 2) (call $new (i32.const 400))) (then unreachable))
      (if (i32.ne (i32.const 400) (call $rep (i32.const 2))) (then unreachable))
      (call $drop (i32.const 1))
      (call $drop (i32.const 2))
      (call $drop (i32.const 3))
      (if (i32.ne (i32.const 3) (call $new (i32.const 500))) (then unreachable))
      (if (i32.ne (i32.const 2) (call $new (i32.const 600))) (then unreachable))
      (if (i32.ne (i32.const 1) (call $new (i32.const 700))) (then unreachable))
      (if (i32.ne (i32.const 4) (call $new (i32.const 800))) (then unreachable))
      (i32.const 42))
    (func (export "drop-zero") (call $drop (i32.const 0)))
    (func (export "drop-max") (call $drop (i32.const -1)))
    (func (export "rep-unknown") (drop (call $rep (i32.const 5)))))
  (core instance $m (instantiate $M (with "" (instance
    (export "new" (func $new))
    (export "drop" (func $drop))
    (export "rep" (func $rep))))))
  (func (export "run") (result u32) (canon lift (core func $m "run")))
  (func (export "drop-zero") (canon lift (core func $m "drop-zero")))
  (func (export "drop-max") (canon lift (core func $m "drop-max")))
  (func (export "rep-unknown") (canon lift (core func $m "rep-unknown"))))`;

/**
 * A guest that defines resource `r` and imports a host function `hook`: `make(v)` returns an
 * own of rep `v`; `poke(self: borrow<r>)` calls `hook()` and returns the rep; `poke-trap` calls
 * `hook()` and traps; `poke-pair(p: record { self: borrow<r>, n: u32 })` calls `hook()` and
 * returns the rep plus `n`. Every borrow lowered into it is of its own type, so a call only
 * lends the host's own handle.
 */
export const LENDING_WAT = `(component
  (import "hook" (func $hook))
  (core func $hook-core (canon lower (func $hook)))
  (type $r (resource (rep i32)))
  (export $R "r" (type $r))
  (core func $new (canon resource.new $r))
  (core module $m
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "hook" (func $hook))
    (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
    (func (export "poke") (param i32) (result i32) (call $hook) (local.get 0))
    (func (export "poke-trap") (param i32) (result i32) (call $hook) unreachable)
    (func (export "poke-pair") (param i32 i32) (result i32) (call $hook) (i32.add (local.get 0) (local.get 1))))
  (core instance $i (instantiate $m (with "" (instance (export "new" (func $new)) (export "hook" (func $hook-core))))))
  (type $pair (record (field "self" (borrow $R)) (field "n" u32)))
  (export $P "pair" (type $pair))
  (func (export "make") (param "v" u32) (result (own $R)) (canon lift (core func $i "make")))
  (func (export "poke") (param "self" (borrow $R)) (result u32) (canon lift (core func $i "poke")))
  (func (export "poke-trap") (param "self" (borrow $R)) (result u32) (canon lift (core func $i "poke-trap")))
  (func (export "poke-pair") (param "p" $P) (result u32) (canon lift (core func $i "poke-pair"))))`;
