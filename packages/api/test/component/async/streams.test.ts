import { expect } from 'chai';
import { Component, Config, Engine, Store, Trap, component } from '../../../src/index.js';

const ASYNC = { componentModelAsync: true, componentModelAsyncBuiltins: true };

// One component whose `run` drives a `stream<u8>` and a `future<u8>` within its own instance
// (allowed for number elements) with the async built-ins; `body` is `run`'s code.
function streamWat(body: string): string {
  return `(component
  (core module $mem (memory (export "mem") 1))
  (core instance $mi (instantiate $mem))
  (type $ST (stream u8))
  (type $FT (future u8))
  (canon stream.new $ST (core func $sn))
  (canon stream.read $ST async (memory (core memory $mi "mem")) (core func $sr))
  (canon stream.write $ST async (memory (core memory $mi "mem")) (core func $sw))
  (canon stream.cancel-read $ST async (core func $scr))
  (canon stream.drop-readable $ST (core func $sdr))
  (canon stream.drop-writable $ST (core func $sdw))
  (canon future.new $FT (core func $fn))
  (canon future.read $FT async (memory (core memory $mi "mem")) (core func $fr))
  (canon future.write $FT async (memory (core memory $mi "mem")) (core func $fw))
  (canon future.drop-writable $FT (core func $fdw))
  (core module $m
    (import "" "mem" (memory 1))
    (import "" "sn" (func $sn (result i64)))
    (import "" "sr" (func $sr (param i32 i32 i32) (result i32)))
    (import "" "sw" (func $sw (param i32 i32 i32) (result i32)))
    (import "" "scr" (func $scr (param i32) (result i32)))
    (import "" "sdr" (func $sdr (param i32)))
    (import "" "sdw" (func $sdw (param i32)))
    (import "" "fn" (func $fn (result i64)))
    (import "" "fr" (func $fr (param i32 i32) (result i32)))
    (import "" "fw" (func $fw (param i32 i32) (result i32)))
    (import "" "fdw" (func $fdw (param i32)))
    (global $r (mut i32) (i32.const 0))
    (global $w (mut i32) (i32.const 0))
    (func $new-stream (local $p i64)
      (local.set $p (call $sn))
      (global.set $r (i32.wrap_i64 (local.get $p)))
      (global.set $w (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 32)))))
    (func $new-future (local $p i64)
      (local.set $p (call $fn))
      (global.set $r (i32.wrap_i64 (local.get $p)))
      (global.set $w (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 32)))))
    (func (export "run") (result i32) ${body}))
  (core instance $i (instantiate $m (with "" (instance
    (export "mem" (memory $mi "mem"))
    (export "sn" (func $sn)) (export "sr" (func $sr)) (export "sw" (func $sw)) (export "scr" (func $scr))
    (export "sdr" (func $sdr)) (export "sdw" (func $sdw)) (export "fn" (func $fn)) (export "fr" (func $fr))
    (export "fw" (func $fw)) (export "fdw" (func $fdw))))))
  (func (export "run") (result u32) (canon lift (core func $i "run")))
)`;
}

function run(wat: string): unknown {
  const engine = new Engine(new Config({ features: ASYNC }));
  const store = new Store(engine);
  const instance = new component.Linker(engine).instantiate(store, Component.new(engine, wat));
  const func = instance.getFunc(store, 'run');
  if (func === null) throw new Error('no export');
  return func.call(store, []);
}

describe('the stream built-ins', () => {
  it('return BLOCKED for a read with no writer, then COMPLETED with the count for the write that meets it', () => {
    const body = `(call $new-stream)
      (if (i32.ne (call $sr (global.get $r) (i32.const 100) (i32.const 4)) (i32.const -1)) (then unreachable))
      (i32.store (i32.const 0) (i32.const 0x04030201))
      (call $sw (global.get $w) (i32.const 0) (i32.const 2))`;
    expect(run(streamWat(body))).to.equal(0x20);
  });

  it('copy the written bytes into the reader\'s buffer', () => {
    const body = `(call $new-stream)
      (drop (call $sr (global.get $r) (i32.const 100) (i32.const 4)))
      (i32.store (i32.const 0) (i32.const 0x04030201))
      (drop (call $sw (global.get $w) (i32.const 0) (i32.const 3)))
      (i32.load (i32.const 100))`;
    expect(run(streamWat(body))).to.equal(0x030201);
  });

  it('report CANCELLED with the count for a cancelled read that received part of its elements', () => {
    const body = `(call $new-stream)
      (drop (call $sr (global.get $r) (i32.const 100) (i32.const 4)))
      (drop (call $sw (global.get $w) (i32.const 0) (i32.const 2)))
      (call $scr (global.get $r))`;
    expect(run(streamWat(body))).to.equal(0x22);
  });

  it('report DROPPED to a read after the writable end dropped', () => {
    const body = `(call $new-stream)
      (call $sdw (global.get $w))
      (call $sr (global.get $r) (i32.const 100) (i32.const 4))`;
    expect(run(streamWat(body))).to.equal(1);
  });

  it('trap when a busy end is dropped', () => {
    const body = `(call $new-stream)
      (drop (call $sr (global.get $r) (i32.const 100) (i32.const 4)))
      (call $sdr (global.get $r))
      (i32.const 0)`;
    expect(() => run(streamWat(body))).to.throw(Trap, 'cannot drop busy stream');
  });

  it('trap on a write to the readable end', () => {
    const body = `(call $new-stream)
      (call $sw (global.get $r) (i32.const 0) (i32.const 1))`;
    expect(() => run(streamWat(body))).to.throw(Trap, 'expected stream write end but found stream read end');
  });
});

describe('the future built-ins', () => {
  it('move the written value into a pending read', () => {
    const body = `(call $new-future)
      (if (i32.ne (call $fr (global.get $r) (i32.const 100)) (i32.const -1)) (then unreachable))
      (i32.store8 (i32.const 0) (i32.const 42))
      (if (i32.ne (call $fw (global.get $w) (i32.const 0)) (i32.const 0)) (then unreachable))
      (call $fdw (global.get $w))
      (i32.load8_u (i32.const 100))`;
    expect(run(streamWat(body))).to.equal(42);
  });

  it('trap when the writable end drops before writing', () => {
    const body = `(call $new-future)
      (call $fdw (global.get $w))
      (i32.const 0)`;
    expect(() => run(streamWat(body))).to.throw(Trap, 'cannot drop future write end without first writing a value');
  });
});

// `$C.produce` makes a stream, leaves a 3-byte write pending and returns the readable end;
// `$D.run` reads it and returns the bytes.
const PASSING = `(component
  (component $C
    (core module $mem (memory (export "mem") 1))
    (core instance $mi (instantiate $mem))
    (type $ST (stream u8))
    (canon stream.new $ST (core func $sn))
    (canon stream.write $ST async (memory (core memory $mi "mem")) (core func $sw))
    (core module $m
      (import "" "mem" (memory 1))
      (import "" "sn" (func $sn (result i64)))
      (import "" "sw" (func $sw (param i32 i32 i32) (result i32)))
      (func (export "produce") (result i32) (local $p i64)
        (local.set $p (call $sn))
        (i32.store (i32.const 0) (i32.const 0x00636261))
        (if (i32.ne (call $sw (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 32))) (i32.const 0) (i32.const 3)) (i32.const -1))
          (then unreachable))
        (i32.wrap_i64 (local.get $p))))
    (core instance $i (instantiate $m (with "" (instance
      (export "mem" (memory $mi "mem")) (export "sn" (func $sn)) (export "sw" (func $sw))))))
    (func (export "produce") (result (stream u8)) (canon lift (core func $i "produce"))))
  (component $D
    (import "produce" (func $produce (result (stream u8))))
    (core module $mem (memory (export "mem") 1))
    (core instance $mi (instantiate $mem))
    (type $ST (stream u8))
    (canon stream.read $ST async (memory (core memory $mi "mem")) (core func $sr))
    (canon lower (func $produce) (core func $produce'))
    (core module $m
      (import "" "mem" (memory 1))
      (import "" "sr" (func $sr (param i32 i32 i32) (result i32)))
      (import "" "produce" (func $produce (result i32)))
      (func (export "run") (result i32)
        (if (i32.ne (call $sr (call $produce) (i32.const 16) (i32.const 8)) (i32.const 0x30)) (then unreachable))
        (i32.load (i32.const 16))))
    (core instance $i (instantiate $m (with "" (instance
      (export "mem" (memory $mi "mem")) (export "sr" (func $sr)) (export "produce" (func $produce'))))))
    (func (export "run") (result u32) (canon lift (core func $i "run"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "produce" (func $c "produce"))))
  (func (export "run") (alias export $d "run"))
)`;

describe('a stream end passed between component instances', () => {
  it('moves the readable end into the caller, which reads what the callee wrote', () => {
    expect(run(PASSING)).to.equal(0x636261);
  });
});

// `$C.produce` leaves a write of one string ("hello", in its memory) pending on a
// `stream<string>`; `$D.run` reads it into its own memory through its realloc (address 200)
// and returns the length plus the first byte shifted left by 8.
const STRINGS = `(component
  (component $C
    (core module $mem (memory (export "mem") 1) (data (memory 0) (i32.const 64) "hello"))
    (core instance $mi (instantiate $mem))
    (type $ST (stream string))
    (canon stream.new $ST (core func $sn))
    (canon stream.write $ST async (memory (core memory $mi "mem")) (core func $sw))
    (core module $m
      (import "" "mem" (memory 1))
      (import "" "sn" (func $sn (result i64)))
      (import "" "sw" (func $sw (param i32 i32 i32) (result i32)))
      (func (export "produce") (result i32) (local $p i64)
        (local.set $p (call $sn))
        (i32.store (i32.const 0) (i32.const 64))
        (i32.store (i32.const 4) (i32.const 5))
        (drop (call $sw (i32.wrap_i64 (i64.shr_u (local.get $p) (i64.const 32))) (i32.const 0) (i32.const 1)))
        (i32.wrap_i64 (local.get $p))))
    (core instance $i (instantiate $m (with "" (instance
      (export "mem" (memory $mi "mem")) (export "sn" (func $sn)) (export "sw" (func $sw))))))
    (func (export "produce") (result (stream string)) (canon lift (core func $i "produce"))))
  (component $D
    (import "produce" (func $produce (result (stream string))))
    (core module $mem
      (memory (export "mem") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 200)))
    (core instance $mi (instantiate $mem))
    (type $ST (stream string))
    (canon stream.read $ST async (memory (core memory $mi "mem")) (realloc (core func $mi "realloc")) (core func $sr))
    (canon lower (func $produce) (core func $produce'))
    (core module $m
      (import "" "mem" (memory 1))
      (import "" "sr" (func $sr (param i32 i32 i32) (result i32)))
      (import "" "produce" (func $produce (result i32)))
      (func (export "run") (result i32)
        (if (i32.ne (call $sr (call $produce) (i32.const 16) (i32.const 4)) (i32.const 0x10)) (then unreachable))
        (if (i32.ne (i32.load (i32.const 16)) (i32.const 200)) (then unreachable))
        (i32.or (i32.load (i32.const 20)) (i32.shl (i32.load8_u (i32.const 200)) (i32.const 8)))))
    (core instance $i (instantiate $m (with "" (instance
      (export "mem" (memory $mi "mem")) (export "sr" (func $sr)) (export "produce" (func $produce'))))))
    (func (export "run") (result u32) (canon lift (core func $i "run"))))
  (instance $c (instantiate $C))
  (instance $d (instantiate $D (with "produce" (func $c "produce"))))
  (func (export "run") (alias export $d "run"))
)`;

describe('a stream of strings between component instances', () => {
  it('loads each string from the writer\'s memory and stores it into the reader\'s through its realloc', () => {
    expect(run(STRINGS)).to.equal(5 | (0x68 << 8));
  });
});
