// Components for the component artifact tests, as text (jco assembles component WAT). Their
// shapes follow environ's translation tests, so together they reach every kind of initializer,
// export, trampoline, resource and type entry a `ComponentTranslation` holds.

import { parse } from '@bytecodealliance/jco';
import { ALL_SUPPORTED_FEATURES, translateComponent, withFeatures, type ComponentTranslation } from '@tswasm/environ';

/** Every feature translation handles, async included (wasip3 components use it). */
export const COMPONENT_FEATURES = withFeatures(ALL_SUPPORTED_FEATURES, {
  componentModelAsync: true,
  componentModelAsyncBuiltins: true,
  componentModelErrorContext: true,
});

const LIBC = `
  (core module $libc
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
  (core instance $libc (instantiate $libc))`;

/**
 * Host imports lowered with options, a lift with memory, realloc and post-return, resources
 * defined (with a destructor) and imported, the resource built-ins, an imported core module,
 * re-exported imports, exported types and a nested instance export, many value types.
 */
export const RICH_COMPONENT_WAT = `(component
  (import "host" (instance $host
    (export "r" (type $r (sub resource)))
    (export "make" (func (result (own $r))))
    (export "log" (func (param "msg" string) (param "level" u8)))))
  (import "m" (core module $m (import "a" "x" (func)) (export "y" (func))))
  (import "f" (func $f (param "p" (tuple s64 f64 char)) (result (option (list u16)))))
  (type $rec (record (field "a" u32) (field "b" (list string)) (field "c" (result u8 (error s16)))))
  (type $var (variant (case "none") (case "some" $rec)))
  (type $flags (flags "x" "y"))
  (type $enum (enum "p" "q"))
  ${LIBC}
  (alias export $host "log" (func $log))
  (alias export $host "make" (func $make))
  (alias export $host "r" (type $hr))
  (core func $log (canon lower (func $log) (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) string-encoding=utf16))
  (core func $make (canon lower (func $make)))
  (core func $hdrop (canon resource.drop $hr))
  (core module $d (func (export "dtor") (param i32)))
  (core instance $d (instantiate $d))
  (type $R (resource (rep i32) (dtor (core func $d "dtor"))))
  (core func $new (canon resource.new $R))
  (core func $rep (canon resource.rep $R))
  (core func $drop (canon resource.drop $R))
  (core module $p (func (export "x")))
  (core instance $p (instantiate $p))
  (core instance $mi (instantiate $m (with "a" (instance $p))))
  (core module $main
    (import "host" "log" (func (param i32 i32 i32)))
    (import "host" "make" (func (result i32)))
    (import "host" "hdrop" (func (param i32)))
    (import "res" "new" (func (param i32) (result i32)))
    (import "res" "rep" (func (param i32) (result i32)))
    (import "res" "drop" (func (param i32)))
    (import "libc" "mem" (memory 1))
    (func (export "run") (param i32 i32) (result i32) i32.const 0)
    (func (export "post") (param i32)))
  (core instance $main (instantiate $main
    (with "host" (instance (export "log" (func $log)) (export "make" (func $make)) (export "hdrop" (func $hdrop))))
    (with "res" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))
    (with "libc" (instance $libc))))
  (func $run (param "s" string) (result string)
    (canon lift (core func $main "run") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) (post-return (core func $main "post"))))
  (instance $inner (export "run" (func $run)) (export "rec" (type $rec)))
  (export "run" (func $run))
  (export "inner" (instance $inner))
  (export "r" (type $R))
  (export "var" (type $var))
  (export "flags" (type $flags))
  (export "enum" (type $enum))
  (export "f2" (func $f))
  (export "host2" (instance $host))
  (export "m2" (core module $m)))`;

/**
 * Two nested components: one lifts `echo` with latin1+utf16 strings, the other lowers it with
 * utf8 into its own memory, so translation fuses an adapter with transcoders; the second is
 * instantiated twice, and a lift lowered back into its own instance becomes an always-trap.
 */
export const ADAPTER_COMPONENT_WAT = `(component
  (component $A
    (core module $m
      (memory (export "mem") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
      (func (export "echo") (param i32 i32) (result i32) i32.const 0))
    (core instance $i (instantiate $m))
    (type $R (resource (rep i32)))
    (core func (canon resource.new $R))
    (export $R2 "r" (type $R))
    (func (export "echo") (param "s" string) (result string)
      (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc")) string-encoding=latin1+utf16)))
  (component $B
    (import "echo" (func $echo (param "s" string) (result string)))
    ${LIBC}
    (core func $echo (canon lower (func $echo) (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) string-encoding=utf8))
    (core module $main (import "" "echo" (func (param i32 i32 i32))))
    (core instance (instantiate $main (with "" (instance (export "echo" (func $echo)))))))
  (instance $a (instantiate $A))
  (instance $b1 (instantiate $B (with "echo" (func $a "echo"))))
  (instance $b2 (instantiate $B (with "echo" (func $a "echo"))))
  (core module $n (func (export "f") (param i32) (result i32) local.get 0))
  (core instance $ni (instantiate $n))
  (func $self (param "x" u32) (result u32) (canon lift (core func $ni "f")))
  (core func $g (canon lower (func $self)))
  (core module $use (import "" "g" (func (param i32) (result i32))))
  (core instance (instantiate $use (with "" (instance (export "g" (func $g))))))
  (export "a" (instance $a)))`;

/** The async built-ins with their immediates, and an async lift with a callback. */
export const ASYNC_COMPONENT_WAT = `(component
  ${LIBC}
  (type $s (stream u8))
  (type $fu (future string))
  (core func $sn (canon stream.new $s))
  (core func $fn (canon future.new $fu))
  (core func $tr (canon task.return (result string) (memory (core memory $libc "mem"))))
  (core func $ws (canon waitable-set.new))
  (core func $ww (canon waitable-set.wait (memory (core memory $libc "mem"))))
  (core func $cg (canon context.get i32 0))
  (core func $ecn (canon error-context.new (memory (core memory $libc "mem"))))
  (core func $bp (canon backpressure.inc))
  (core module $m
    (import "" "sn" (func (result i64)))
    (import "" "tr" (func (param i32 i32)))
    (func (export "run") (result i32) i32.const 0)
    (func (export "cb") (param i32 i32 i32) (result i32) i32.const 0))
  (core instance $i (instantiate $m (with "" (instance (export "sn" (func $sn)) (export "tr" (func $tr))))))
  (func (export "run") async (result string)
    (canon lift (core func $i "run") async (callback (core func $i "cb")) (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")))))`;

/** The smallest component: no modules, no types beyond its own. */
export const EMPTY_COMPONENT_WAT = '(component)';

/** Assembles and translates a component written as text. */
export async function translateComponentText(wat: string): Promise<ComponentTranslation> {
  return translateComponent(await parse(wat), COMPONENT_FEATURES);
}
