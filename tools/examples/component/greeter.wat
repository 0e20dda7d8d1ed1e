;; The component `npm start` runs: it imports `host/greet(name: string) -> string` and exports
;; `run(name: string) -> string`, which asks the host to greet and hands the answer back. It also
;; exports a resource, `counter`, whose state lives in guest memory: a constructor, a method and
;; a destructor that the host's drop runs, and `live-counters` to show it did.
(component
  (import "host" (instance $host (export "greet" (func (param "name" string) (result string)))))

  ;; Memory and a bump allocator, as the canonical ABI's cabi_realloc expects.
  (core module $libc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
      (local $ptr i32)
      (local.set $ptr
        (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                 (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $ptr) (local.get $size)))
      (block $enough
        (loop $grow
          (br_if $enough (i32.le_u (global.get $next) (i32.mul (memory.size) (i32.const 65536))))
          (drop (memory.grow (i32.const 1)))
          (br $grow)))
      (if (local.get $old) (then (memory.copy (local.get $ptr) (local.get $old) (local.get $old_size))))
      (local.get $ptr)))
  (core instance $libc (instantiate $libc))

  (alias export $host "greet" (func $greet))
  (core func $greet-lowered
    (canon lower (func $greet) (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc"))))

  (core module $main
    (import "libc" "memory" (memory 1))
    (import "host" "greet" (func $greet (param i32 i32 i32)))
    ;; The host writes its answer's (pointer, length) at 16, which is also what run returns.
    (func (export "run") (param $ptr i32) (param $len i32) (result i32)
      (call $greet (local.get $ptr) (local.get $len) (i32.const 16))
      (i32.const 16)))
  (core instance $main (instantiate $main
    (with "libc" (instance $libc))
    (with "host" (instance (export "greet" (func $greet-lowered))))))

  (func (export "run") (param "name" string) (result string)
    (canon lift (core func $main "run") (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc"))))

  ;; The counter resource. Its destructor is defined before the type (the type names it), so it
  ;; lives in its own module with the count of live counters.
  (core module $counter-state
    (global $live (export "live") (mut i32) (i32.const 0))
    (func (export "dtor") (param $rep i32)
      (global.set $live (i32.sub (global.get $live) (i32.const 1)))))
  (core instance $counter-state (instantiate $counter-state))
  (type $counter (resource (rep i32) (dtor (core func $counter-state "dtor"))))
  (export $counter-export "counter" (type $counter))
  (core func $counter-new (canon resource.new $counter))

  ;; A counter's rep is the address of its value in the libc memory (4 bytes from the allocator).
  (core module $counters
    (import "libc" "memory" (memory 1))
    (import "libc" "cabi_realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (import "state" "live" (global $live (mut i32)))
    (import "resource" "new" (func $new (param i32) (result i32)))
    (func (export "new") (param $start i32) (result i32) (local $rep i32)
      (local.set $rep (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 4)))
      (i32.store (local.get $rep) (local.get $start))
      (global.set $live (i32.add (global.get $live) (i32.const 1)))
      (call $new (local.get $rep)))
    (func (export "increment") (param $rep i32) (result i32)
      (i32.store (local.get $rep) (i32.add (i32.load (local.get $rep)) (i32.const 1)))
      (i32.load (local.get $rep)))
    (func (export "live") (result i32) (global.get $live)))
  (core instance $counters (instantiate $counters
    (with "libc" (instance $libc))
    (with "state" (instance $counter-state))
    (with "resource" (instance (export "new" (func $counter-new))))))

  (func (export "[constructor]counter") (param "start" u32) (result (own $counter-export))
    (canon lift (core func $counters "new")))
  (func (export "[method]counter.increment") (param "self" (borrow $counter-export)) (result u32)
    (canon lift (core func $counters "increment")))
  (func (export "live-counters") (result u32)
    (canon lift (core func $counters "live"))))
