;; Written for tswasm: guest-defined resources in one component (handle numbering, destructors,
;; the traps of bad handles), and resources passed between components: an own moved into a
;; component that imports the type, borrows lent for a call, and a borrow kept past its call.

(component definition $Local
  (core module $D
    (global $drops (export "drops") (mut i32) (i32.const 0))
    (global $last (export "last") (mut i32) (i32.const 0))
    (func (export "dtor") (param i32)
      (global.set $drops (i32.add (global.get $drops) (i32.const 1)))
      (global.set $last (local.get 0))))
  (core instance $d (instantiate $D))
  (type $r (resource (rep i32) (dtor (core func $d "dtor"))))
  (type $s (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (core func $rep (canon resource.rep $r))
  (core func $drop (canon resource.drop $r))
  (core func $rep-s (canon resource.rep $s))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "" "rep-s" (func $rep-s (param i32) (result i32)))
    (import "d" "drops" (global $drops (mut i32)))
    (import "d" "last" (global $last (mut i32)))
    ;; The destructor runs on drop and sees the rep.
    (func (export "make-and-drop") (param $v i32) (result i32)
      (call $drop (call $new (local.get $v)))
      (i32.add (i32.mul (global.get $drops) (i32.const 1000)) (global.get $last)))
    (func (export "rep-of-new") (param $v i32) (result i32) (call $rep (call $new (local.get $v))))
    ;; Handle 0 is never valid; a freed index is the next one handed out.
    (func (export "reuse") (result i32) (local $a i32) (local $b i32)
      (local.set $a (call $new (i32.const 1)))
      (local.set $b (call $new (i32.const 2)))
      (call $drop (local.get $a))
      (i32.add (i32.mul (local.get $a) (i32.const 100))
               (i32.add (i32.mul (local.get $b) (i32.const 10)) (call $new (i32.const 3)))))
    (func (export "double-drop") (local $h i32)
      (local.set $h (call $new (i32.const 5)))
      (call $drop (local.get $h))
      (call $drop (local.get $h)))
    (func (export "rep-of-zero") (result i32) (call $rep (i32.const 0)))
    (func (export "wrong-type") (result i32) (call $rep-s (call $new (i32.const 6)))))
  (core instance $m (instantiate $M
    (with "" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop)) (export "rep-s" (func $rep-s))))
    (with "d" (instance $d))))
  (func (export "make-and-drop") (param "v" u32) (result u32) (canon lift (core func $m "make-and-drop")))
  (func (export "rep-of-new") (param "v" u32) (result u32) (canon lift (core func $m "rep-of-new")))
  (func (export "reuse") (result u32) (canon lift (core func $m "reuse")))
  (func (export "double-drop") (canon lift (core func $m "double-drop")))
  (func (export "rep-of-zero") (result u32) (canon lift (core func $m "rep-of-zero")))
  (func (export "wrong-type") (result u32) (canon lift (core func $m "wrong-type"))))

(component instance $local $Local)
(assert_return (invoke "make-and-drop" (u32.const 42)) (u32.const 1042))
(assert_return (invoke "make-and-drop" (u32.const 7)) (u32.const 2007))
(assert_return (invoke "rep-of-new" (u32.const 99)) (u32.const 99))
;; Handles 1 (the leaked one above) and 2 are taken: a = 2, b = 3, and a's index comes back.
(assert_return (invoke "reuse") (u32.const 232))
(assert_trap (invoke "double-drop") "unknown handle index")
(component instance $local $Local)
(assert_trap (invoke "rep-of-zero") "unknown handle index 0")
(component instance $local $Local)
(assert_trap (invoke "wrong-type") "handle index 1 used with the wrong type")

;; $Provider defines `counter`; $User imports it, owns counters and lends them for calls;
;; $Keeper takes a borrow and does not drop it.
(component definition $Shared
  (component $Provider
    (core module $D
      (global $live (export "live") (mut i32) (i32.const 0))
      (func (export "dtor") (param i32) (global.set $live (i32.sub (global.get $live) (i32.const 1)))))
    (core instance $d (instantiate $D))
    (type $counter (resource (rep i32) (dtor (core func $d "dtor"))))
    (export $counter-e "counter" (type $counter))
    (core func $new (canon resource.new $counter))
    (core module $M
      (import "" "new" (func $new (param i32) (result i32)))
      (import "d" "live" (global $live (mut i32)))
      (memory 1)
      ;; A counter's rep is the address of its value.
      (global $next (mut i32) (i32.const 16))
      (func (export "new") (param $start i32) (result i32) (local $rep i32)
        (local.set $rep (global.get $next))
        (global.set $next (i32.add (global.get $next) (i32.const 4)))
        (i32.store (local.get $rep) (local.get $start))
        (global.set $live (i32.add (global.get $live) (i32.const 1)))
        (call $new (local.get $rep)))
      ;; A borrow of a type this component implements arrives as the rep.
      (func (export "inc") (param $rep i32) (result i32)
        (i32.store (local.get $rep) (i32.add (i32.load (local.get $rep)) (i32.const 1)))
        (i32.load (local.get $rep)))
      (func (export "live") (result i32) (global.get $live)))
    (core instance $m (instantiate $M (with "" (instance (export "new" (func $new)))) (with "d" (instance $d))))
    (func (export "[constructor]counter") (param "start" u32) (result (own $counter-e)) (canon lift (core func $m "new")))
    (func (export "[method]counter.inc") (param "self" (borrow $counter-e)) (result u32) (canon lift (core func $m "inc")))
    (func (export "live") (result u32) (canon lift (core func $m "live"))))

  (component $Keeper
    (import "counter" (type $c (sub resource)))
    (core module $M
      (global $kept (mut i32) (i32.const 0))
      ;; A borrow of an imported type is a handle in this component's table; it must be dropped.
      (func (export "hold") (param i32) (global.set $kept (local.get 0))))
    (core instance $m (instantiate $M))
    (func (export "hold") (param "c" (borrow $c)) (canon lift (core func $m "hold"))))

  (component $User
    (import "counter" (type $c (sub resource)))
    (import "new" (func $new (param "start" u32) (result (own $c))))
    (import "inc" (func $inc (param "self" (borrow $c)) (result u32)))
    (import "live" (func $live (result u32)))
    (import "hold" (func $hold (param "c" (borrow $c))))
    (core func $new' (canon lower (func $new)))
    (core func $inc' (canon lower (func $inc)))
    (core func $live' (canon lower (func $live)))
    (core func $hold' (canon lower (func $hold)))
    (core func $drop (canon resource.drop $c))
    (core module $M
      (import "" "new" (func $new (param i32) (result i32)))
      (import "" "inc" (func $inc (param i32) (result i32)))
      (import "" "live" (func $live (result i32)))
      (import "" "hold" (func $hold (param i32)))
      (import "" "drop" (func $drop (param i32)))
      ;; Two increments through borrows, then the live count before and after the drop.
      (func (export "run") (result i32) (local $h i32) (local $v i32) (local $before i32)
        (local.set $h (call $new (i32.const 10)))
        (drop (call $inc (local.get $h)))
        (local.set $v (call $inc (local.get $h)))
        (local.set $before (call $live))
        (call $drop (local.get $h))
        (i32.add (i32.mul (local.get $v) (i32.const 100))
                 (i32.add (i32.mul (local.get $before) (i32.const 10)) (call $live))))
      (func (export "drop-twice") (local $h i32)
        (local.set $h (call $new (i32.const 1)))
        (call $drop (local.get $h))
        (call $drop (local.get $h)))
      (func (export "keep-borrow")
        (call $hold (call $new (i32.const 1)))))
    (core instance $m (instantiate $M (with "" (instance
      (export "new" (func $new')) (export "inc" (func $inc')) (export "live" (func $live'))
      (export "hold" (func $hold')) (export "drop" (func $drop))))))
    (func (export "run") (result u32) (canon lift (core func $m "run")))
    (func (export "drop-twice") (canon lift (core func $m "drop-twice")))
    (func (export "keep-borrow") (canon lift (core func $m "keep-borrow"))))

  (instance $provider (instantiate $Provider))
  (instance $keeper (instantiate $Keeper (with "counter" (type $provider "counter"))))
  (instance $user (instantiate $User
    (with "counter" (type $provider "counter"))
    (with "new" (func $provider "[constructor]counter"))
    (with "inc" (func $provider "[method]counter.inc"))
    (with "live" (func $provider "live"))
    (with "hold" (func $keeper "hold"))))
  (export "run" (func $user "run"))
  (export "drop-twice" (func $user "drop-twice"))
  (export "keep-borrow" (func $user "keep-borrow")))

(component instance $shared $Shared)
;; 12 after two increments; one counter live before the drop, none after.
(assert_return (invoke "run") (u32.const 1210))
(assert_return (invoke "run") (u32.const 1210))
(assert_trap (invoke "drop-twice") "unknown handle index")
(component instance $shared $Shared)
(assert_trap (invoke "keep-borrow") "borrow handles still remain at the end of the call")
