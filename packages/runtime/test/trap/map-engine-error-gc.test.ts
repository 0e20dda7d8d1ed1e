import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { trapCodeOfEngineError } from '../../src/trap/map-engine-error.js';
import type { TrapCode } from '../../src/trap/trap-code.js';

// GC and typed function references compile only where the host has them (Node 26, not 20).
const CASES: [string, string, TrapCode][] = [
  ['a null struct reference', '(module (type $s (struct (field i32))) (func (export "f") (drop (struct.get $s 0 (ref.null $s)))))', 'NullReference'],
  ['an array index out of bounds', '(module (type $a (array i32)) (func (export "f") (drop (array.get $a (array.new_default $a (i32.const 1)) (i32.const 5)))))', 'ArrayOutOfBounds'],
  ['a failed cast', '(module (type $a (array i32)) (type $s (struct)) (func (export "f") (drop (ref.cast (ref $s) (array.new_default $a (i32.const 1))))))', 'CastFailure'],
  ['a too large array', '(module (type $a (array i32)) (func (export "f") (drop (array.new_default $a (i32.const 0x7fffffff)))))', 'AllocationTooLarge'],
  ['a wait on unshared memory', '(module (memory 1) (func (export "f") (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))))', 'AtomicWaitNonSharedMemory'],
];

describe('trapCodeOfEngineError on proposals the host may lack', () => {
  for (const [what, wat, code] of CASES) {
    it(`maps ${what} to ${code} where the host compiles it`, async function () {
      const bytes = (await parse(wat)) as Uint8Array<ArrayBuffer>;
      if (!WebAssembly.validate(bytes)) this.skip();
      const f = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports['f'] as () => void;
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(trapCodeOfEngineError(error)).to.equal(code);
    });
  }
});
