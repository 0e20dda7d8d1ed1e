// Components the JS API binding tests run, as text, beside the embedding tests' EXPORTS_WAT.

import { LIBC_FUNCS } from '../fixtures.js';

/**
 * A guest whose exports pass straight through to host imports in instance `host`: `try-it`
 * (`result<u32, string>`), `ping` (`result` without payloads) and `plain` (`u32`, no `result`).
 */
export const HOST_RESULTS_WAT = `(component
  (import "host" (instance $host
    (export "try-it" (func (param "x" u32) (result (result u32 (error string)))))
    (export "ping" (func (result (result))))
    (export "plain" (func (param "x" u32) (result u32)))))
  (core module $libc (memory (export "memory") 1) ${LIBC_FUNCS})
  (core instance $libc (instantiate $libc))
  (alias export $host "try-it" (func $try))
  (alias export $host "ping" (func $ping))
  (alias export $host "plain" (func $plain))
  (core func $try (canon lower (func $try) (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc"))))
  (core func $ping (canon lower (func $ping)))
  (core func $plain (canon lower (func $plain)))
  (core module $main
    (import "host" "try" (func $try (param i32 i32)))
    (import "host" "ping" (func $ping (result i32)))
    (import "host" "plain" (func $plain (param i32) (result i32)))
    (func (export "try") (param i32) (result i32) (call $try (local.get 0) (i32.const 16)) (i32.const 16))
    (func (export "ping") (result i32) (call $ping))
    (func (export "plain") (param i32) (result i32) (call $plain (local.get 0))))
  (core instance $main (instantiate $main (with "host" (instance (export "try" (func $try)) (export "ping" (func $ping)) (export "plain" (func $plain))))))
  (func (export "try-it") (param "x" u32) (result (result u32 (error string)))
    (canon lift (core func $main "try") (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc"))))
  (func (export "ping") (result (result)) (canon lift (core func $main "ping")))
  (func (export "plain") (param "x" u32) (result u32) (canon lift (core func $main "plain"))))`;

/**
 * Values whose JS form the binding and the embedding API share, next to the ones it changes:
 * a top-level option, a `result` parameter (not unwrapped), and `result`s without payloads.
 */
export const VALUES_WAT = `(component
  (core module $m
    (memory (export "memory") 1)
    ${LIBC_FUNCS}
    (func (export "opt") (param i32 i32) (result i32)
      (i32.store8 (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16))
    (func (export "is-ok") (param i32 i32) (result i32) (i32.eqz (local.get 0)))
    (func (export "check") (param i32) (result i32) (i32.eqz (local.get 0)))
    (func (export "err-code") (param i32) (result i32)
      (i32.store8 (i32.const 32) (i32.const 1))
      (i32.store (i32.const 36) (local.get 0))
      (i32.const 32))
    (func (export "pair") (param i32 i32 i32) (result i32) (local.get 2)))
  (core instance $i (instantiate $m))
  (func (export "opt") (param "x" (option u32)) (result (option u32)) (canon lift (core func $i "opt") (memory (core memory $i "memory"))))
  (func (export "is-ok") (param "r" (result u32 (error u32))) (result bool) (canon lift (core func $i "is-ok")))
  (func (export "check") (param "x" u32) (result (result)) (canon lift (core func $i "check")))
  (func (export "err-code") (param "x" u32) (result (result (error u32))) (canon lift (core func $i "err-code") (memory (core memory $i "memory"))))
  (func (export "pair") (param "xs" (list u32)) (param "y" u32) (result u32)
    (canon lift (core func $i "pair") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc")))))`;

/** A guest whose `run` calls the root import `again`, for re-entrance and host exceptions. */
export const CALLBACK_WAT = `(component
  (import "again" (func $again))
  (core func $again (canon lower (func $again)))
  (core module $m (import "" "again" (func $again)) (func (export "run") (call $again)) (func (export "id") (param i32) (result i32) (local.get 0)))
  (core instance $i (instantiate $m (with "" (instance (export "again" (func $again))))))
  (func (export "run") (canon lift (core func $i "run")))
  (func (export "id") (param "x" u32) (result u32) (canon lift (core func $i "id"))))`;
