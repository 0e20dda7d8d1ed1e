;; The component `npm start` runs: it imports `host/greet(name: string) -> string` and exports
;; `run(name: string) -> string`, which asks the host to greet and hands the answer back.
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
    (canon lift (core func $main "run") (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc")))))
