// Components the component api tests run, as text: a core "libc" with a memory and a bump
// `cabi_realloc`, and core functions lifted or lowered through the canonical ABI.

/** A core module with a memory, a bump allocator and a counter of post-return calls. */
export const LIBC_FUNCS = `
    (global $bump (mut i32) (i32.const 1024))
    (func $realloc (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32) (result i32)
      (local $ptr i32)
      (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                               (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $ptr) (local.get $size)))
      (if (local.get $old)
        (then (memory.copy (local.get $ptr) (local.get $old) (local.get $oldSize))))
      (local.get $ptr))`;

/** The guest of the export tests: one core module, many lifts of its functions. */
export const EXPORTS_WAT = `(component
  (core module $m
    (memory (export "memory") 1)
    (data (i32.const 200) "division by zero")
    ${LIBC_FUNCS}
    (global $posts (mut i32) (i32.const 0))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16))
    (func (export "post") (param i32) (global.set $posts (i32.add (global.get $posts) (i32.const 1))))
    (func (export "posts") (result i32) (global.get $posts))
    (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $acc i32)
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
      (local.get $acc))
    ;; point(record { id: u32, x: f64, on: bool }) -> point, at return area 32
    (func (export "point") (param i32 f64 i32) (result i32)
      (i32.store (i32.const 32) (i32.add (local.get 0) (i32.const 1)))
      (f64.store (i32.const 40) (f64.mul (local.get 1) (f64.const 2)))
      (i32.store8 (i32.const 48) (i32.eqz (local.get 2)))
      (i32.const 32))
    ;; div(u32, u32) -> result<u32, string>, at return area 64
    (func (export "div") (param i32 i32) (result i32)
      (if (i32.eqz (local.get 1))
        (then
          (i32.store8 (i32.const 64) (i32.const 1))
          (i32.store (i32.const 68) (i32.const 200))
          (i32.store (i32.const 72) (i32.const 16)))
        (else
          (i32.store8 (i32.const 64) (i32.const 0))
          (i32.store (i32.const 68) (i32.div_u (local.get 0) (local.get 1)))))
      (i32.const 64))
    ;; same(shape) -> shape: the variant's flat form stored back unchanged, at return area 80
    (func (export "same") (param i32 i32 i32) (result i32)
      (i32.store8 (i32.const 80) (local.get 0))
      (i32.store (i32.const 84) (local.get 1))
      (i32.store (i32.const 88) (local.get 2))
      (i32.const 80))
    (func (export "boom") (result i32) (unreachable)))
  (core instance $i (instantiate $m))
  (type $point' (record (field "id" u32) (field "x" f64) (field "on" bool)))
  (export $point "point-type" (type $point'))
  (type $shape' (variant (case "none") (case "num" u32) (case "text" string)))
  (export $shape "shape-type" (type $shape'))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc")) (post-return (core func $i "post"))))
  (func (export "echo16") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc")) string-encoding=utf16))
  (func (export "posts") (result u32) (canon lift (core func $i "posts")))
  (func (export "sum") (param "xs" (list u32)) (result u32)
    (canon lift (core func $i "sum") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (func (export "point") (param "p" $point) (result $point)
    (canon lift (core func $i "point") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (func (export "div") (param "a" u32) (param "b" u32) (result (result u32 (error string)))
    (canon lift (core func $i "div") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (func (export "same") (param "s" $shape) (result $shape)
    (canon lift (core func $i "same") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (func (export "boom") (result u32) (canon lift (core func $i "boom"))))`;

/**
 * A guest that calls the host's `host/greet(string) -> string` from its `run(string) -> string`,
 * both with string encoding `encoding`.
 */
export const importsWat = (encoding: 'utf8' | 'utf16'): string => `(component
  (import "host" (instance $host (export "greet" (func (param "name" string) (result string)))))
  (core module $libc
    (memory (export "memory") 1)
    ${LIBC_FUNCS})
  (core instance $libc (instantiate $libc))
  (alias export $host "greet" (func $greet))
  (core func $greet (canon lower (func $greet) (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc")) string-encoding=${encoding}))
  (core module $main
    (import "libc" "memory" (memory 1))
    (import "host" "greet" (func $greet (param i32 i32 i32)))
    (func (export "run") (param i32 i32) (result i32)
      (call $greet (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16)))
  (core instance $main (instantiate $main (with "libc" (instance $libc)) (with "host" (instance (export "greet" (func $greet))))))
  (func (export "run") (param "name" string) (result string)
    (canon lift (core func $main "run") (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc")) string-encoding=${encoding})))`;

/** `importsWat` in utf8. */
export const IMPORTS_WAT = importsWat('utf8');
