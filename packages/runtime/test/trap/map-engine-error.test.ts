import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { Trap } from '../../src/trap/trap.js';
import { mapEngineError, trapCodeOfEngineError } from '../../src/trap/map-engine-error.js';
import type { TrapCode } from '../../src/trap/trap-code.js';

const WAT = `(module $traps
  (type $t (func (param i32) (result i32)))
  (table 2 funcref) (elem (i32.const 1) $id)
  (memory 1 1 shared)
  (func $id (param i32) (result i32) local.get 0)
  (func $unreachable (export "unreachable") unreachable)
  (func (export "oob") (drop (i32.load (i32.const 70000))))
  (func (export "div0") (drop (i32.div_s (i32.const 1) (i32.const 0))))
  (func (export "rem0") (drop (i32.rem_u (i32.const 1) (i32.const 0))))
  (func (export "overflow") (drop (i32.div_s (i32.const 0x80000000) (i32.const -1))))
  (func (export "conversion") (drop (i32.trunc_f32_s (f32.const nan))))
  (func (export "table") (drop (call_indirect (type $t) (i32.const 0) (i32.const 5))))
  (func (export "null") (drop (call_indirect (type $t) (i32.const 0) (i32.const 0))))
  (func (export "signature") (call_indirect (i32.const 1)))
  (func $recurse (export "recurse") (call $recurse))
  (func (export "unaligned") (drop (i32.atomic.load (i32.const 1))))
  (func (export "nested") (call $unreachable)))`;

let exports: Record<string, () => void>;

function thrown(name: string): unknown {
  try {
    const f = exports[name];
    if (f === undefined) throw new Error(`no export ${name}`);
    f();
  } catch (error) {
    return error;
  }
  throw new Error(`${name} did not trap`);
}

describe('trapCodeOfEngineError', () => {
  before(async () => {
    const bytes = await parse(WAT);
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)).exports as Record<string, () => void>;
  });

  const cases: [string, TrapCode][] = [
    ['unreachable', 'UnreachableCodeReached'],
    ['oob', 'MemoryOutOfBounds'],
    ['div0', 'IntegerDivisionByZero'],
    ['rem0', 'IntegerDivisionByZero'],
    ['overflow', 'IntegerOverflow'],
    ['conversion', 'BadConversionToInteger'],
    ['table', 'TableOutOfBounds'],
    ['null', 'BadSignature'],
    ['signature', 'BadSignature'],
    ['recurse', 'StackOverflow'],
    ['unaligned', 'HeapMisaligned'],
  ];
  for (const [name, code] of cases) {
    it(`maps the engine's error of ${name} to ${code}`, () => {
      expect(trapCodeOfEngineError(thrown(name))).to.equal(code);
    });
  }

  it('does not treat a host error as a trap', () => {
    expect(trapCodeOfEngineError(new Error('unreachable'))).to.equal(null);
    expect(trapCodeOfEngineError(new RangeError('bad length'))).to.equal(null);
  });
});

describe('mapEngineError', () => {
  it('makes a Trap with a backtrace naming the module and function indices', () => {
    const trap = mapEngineError(thrown('nested'));
    expect(trap).to.be.instanceOf(Trap);
    const { code, backtrace } = trap as Trap;
    expect(code).to.equal('UnreachableCodeReached');
    expect(backtrace?.frames.map((f) => [f.moduleName, f.funcIndex])).to.deep.equal([['traps', 1], ['traps', 12]]);
    expect(backtrace?.frames[0]?.moduleOffset).to.be.a('number');
  });

  it('uses the symbolizer for names', () => {
    const trap = mapEngineError(thrown('unreachable'), (frame) => ({ moduleName: 'm', funcName: `f${frame.funcIndex}` })) as Trap;
    expect(trap.backtrace?.frames[0]?.funcName).to.equal('f1');
    expect(trap.message).to.match(/^wasm trap: wasm `unreachable` instruction executed\nwasm backtrace:\n {2}0: m!f1 @ 0x/);
  });

  it('passes host errors and traps through as themselves', () => {
    const host = new TypeError('mine');
    expect(mapEngineError(host)).to.equal(host);
    const trap = new Trap('Interrupt');
    expect(mapEngineError(trap)).to.equal(trap);
  });
});
