import { expect } from 'chai';
import { BinaryReader } from '../../src/binary/binary-reader.js';
import { ValidationError } from '../../src/error.js';
import { ALL_SUPPORTED_FEATURES, withFeatures, type WasmFeatures } from '../../src/features/wasm-features.js';
import type { SubType } from '../../src/types/core-types.js';
import type { TypeIndex } from '../../src/types/indices.js';
import { EXTERNREF, F32, F64, FUNCREF, I32, I64, type ValType } from '../../src/types/val-type.js';
import { FunctionBodyValidator, validateFunctionBody } from '../../src/validator/function-body-validator.js';
import type { ModuleValidationContext } from '../../src/validator/module-context.js';

/** Where the test bodies pretend to start in the module, so offsets are visibly absolute. */
const BASE = 0x100;

function funcType(params: ValType[], results: ValType[]): SubType {
  return { isFinal: true, supertype: null, composite: { kind: 'func', params, results } };
}

// Type indices used below.
const T_VOID = 0; // [] -> []
const T_I32 = 1; // [] -> [i32]
const T_I32_I32 = 2; // [i32] -> [i32]
const T_MULTI = 3; // [i32 i32] -> [i32 i64]
const T_TAG_I64 = 4; // [i64] -> []
const T_I64 = 5; // [] -> [i64]

function context(changes: Partial<ModuleValidationContext> = {}, features: Partial<WasmFeatures> = {}): ModuleValidationContext {
  return {
    features: withFeatures(ALL_SUPPORTED_FEATURES, features),
    types: [
      funcType([], []),
      funcType([], [I32]),
      funcType([I32], [I32]),
      funcType([I32, I32], [I32, I64]),
      funcType([I64], []),
      funcType([], [I64]),
    ],
    // Functions 0..4 have these types.
    funcTypeIndices: [T_VOID, T_I32, T_I32_I32, T_MULTI, T_I64] as TypeIndex[],
    tables: [
      { element: FUNCREF, limits: { min: 1, max: null }, is64: false },
      { element: EXTERNREF, limits: { min: 1, max: null }, is64: false },
    ],
    memories: [{ limits: { min: 1, max: null }, shared: false, is64: false, pageSizeLog2: 16 }],
    globals: [
      { content: I32, mutable: false },
      { content: I64, mutable: true },
    ],
    tags: [{ typeIndex: T_TAG_I64 as TypeIndex }, { typeIndex: T_VOID as TypeIndex }],
    elemTypes: [FUNCREF, EXTERNREF],
    dataCount: 2,
    declaredFuncRefs: new Set([1]),
    ...changes,
  };
}

/** A body: the local declarations (count, type) then the code bytes. */
function body(code: number[], locals: [number, number][] = []): Uint8Array {
  const bytes = [locals.length];
  for (const [count, type] of locals) bytes.push(count, type);
  return Uint8Array.from([...bytes, ...code]);
}

function validate(ctx: ModuleValidationContext, funcIndex: number, bytes: Uint8Array): void {
  validateFunctionBody(ctx, funcIndex, new BinaryReader(bytes, 0, bytes.length, BASE));
}

/** Asserts that validation fails with `message` at `index` (an index into the body bytes). */
function expectInvalid(ctx: ModuleValidationContext, funcIndex: number, bytes: Uint8Array, index: number, message: string): void {
  let error: unknown;
  try {
    validate(ctx, funcIndex, bytes);
  } catch (e) {
    error = e;
  }
  expect(error).to.be.instanceOf(ValidationError);
  const v = error as ValidationError;
  expect(v.reason).to.equal(message);
  expect(v.offset).to.equal(BASE + index);
}

const END = 0x0b;
const I32_CONST_0 = [0x41, 0x00];
const I64_CONST_0 = [0x42, 0x00];

describe('validateFunctionBody', () => {
  const ctx = context();

  describe('valid bodies', () => {
    const valid: [string, number, Uint8Array][] = [
      ['an empty body', 0, body([END])],
      ['an i32 result from a constant', 1, body([...I32_CONST_0, END])],
      ['a parameter added to itself', 2, body([0x20, 0, 0x20, 0, 0x6a, END])],
      ['declared locals with local.tee', 1, body([0x41, 5, 0x22, 1, 0x21, 0, 0x20, 0, END], [[2, 0x7f]])],
      ['every numeric class', 0, body([
        ...I32_CONST_0, 0x45, 0x67, ...I32_CONST_0, 0x46, 0x1a, // eqz, clz, eq
        ...I64_CONST_0, 0xa7, 0xb2, 0xbb, 0xaa, 0xac, 0xb9, 0xb0, 0x50, 0x1a, // conversions
        0x43, 0, 0, 0, 0, 0x43, 0, 0, 0x80, 0x3f, 0x92, 0x91, 0xbc, 0xbe, 0x1a, // f32 ops
        0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x9f, 0xbd, 0xc4, 0xc2, 0xbf, 0x1a, // f64, sign-extension
        0x43, 0, 0, 0, 0, 0xfc, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfc, 0x07, 0x1a, 0x1a, // saturating
        END,
      ])],
      ['a block, a loop and an if/else with results', 1, body([
        0x02, 0x7f, ...I32_CONST_0, END, // block (result i32)
        0x03, 0x7f, 0x41, 1, END, 0x6a, // loop (result i32)
        0x04, 0x7f, ...I32_CONST_0, 0x05, 0x41, 1, END, // if/else
        END,
      ])],
      ['a multi-value block typed by index', 0, body([...I32_CONST_0, ...I32_CONST_0, 0x02, T_MULTI, 0x1a, 0x1a, ...I32_CONST_0, ...I64_CONST_0, END, 0x1a, 0x1a, END])],
      ['an if without else whose params equal its results', 0, body([...I32_CONST_0, ...I32_CONST_0, 0x04, T_I32_I32, END, 0x1a, END])],
      ['br, br_if and br_table to labels', 1, body([
        0x02, 0x7f, ...I32_CONST_0, ...I32_CONST_0, 0x0d, 0, 0x1a, // br_if keeps the value
        ...I32_CONST_0, ...I32_CONST_0, 0x0e, 2, 0, 1, 0, // br_table 0 1 default 0
        END, END,
      ])],
      ['stack polymorphism after unreachable', 1, body([0x00, 0x6a, 0x1b, 0x45, END])],
      ['br_table in unreachable code with consistent labels', 1, body([0x02, 0x7f, 0x00, 0x0e, 1, 0, 1, END, END])],
      ['return from inside blocks', 1, body([0x02, 0x40, ...I32_CONST_0, 0x0f, END, ...I32_CONST_0, END])],
      ['call and call_indirect', 0, body([
        ...I32_CONST_0, ...I32_CONST_0, 0x10, 3, 0x1a, 0x1a, // call $3: [i32 i32] -> [i32 i64]
        0x41, 7, ...I32_CONST_0, 0x11, T_I32_I32, 0, 0x1a, // call_indirect (type 2) table 0
        END,
      ])],
      ['select and typed select', 0, body([
        ...I64_CONST_0, ...I64_CONST_0, ...I32_CONST_0, 0x1b, 0x1a,
        0xd0, 0x70, 0xd0, 0x70, ...I32_CONST_0, 0x1c, 1, 0x70, 0x1a,
        END,
      ])],
      ['globals', 0, body([0x23, 0, 0x1a, ...I64_CONST_0, 0x24, 1, END])],
      ['loads, stores and memory.size/grow', 0, body([
        ...I32_CONST_0, 0x29, 3, 0, 0x1a, // i64.load align=8
        ...I32_CONST_0, 0x43, 0, 0, 0, 0, 0x38, 2, 4, // f32.store
        ...I32_CONST_0, 0x31, 0, 0, 0x1a, // i64.load8_u
        0x3f, 0, 0x40, 0, 0x1a,
        END,
      ])],
      ['bulk memory and table instructions', 0, body([
        ...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, 0xfc, 8, 1, 0, // memory.init 1
        0xfc, 9, 0, // data.drop 0
        ...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, 0xfc, 10, 0, 0, // memory.copy
        ...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, 0xfc, 11, 0, // memory.fill
        ...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, 0xfc, 12, 0, 0, // table.init 0 0
        0xfc, 13, 1, // elem.drop 1
        ...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, 0xfc, 14, 0, 0, // table.copy
        0xd0, 0x6f, ...I32_CONST_0, 0xfc, 15, 1, 0x1a, // table.grow 1
        0xfc, 16, 0, 0x1a, // table.size
        ...I32_CONST_0, 0xd0, 0x70, ...I32_CONST_0, 0xfc, 17, 0, // table.fill 0
        ...I32_CONST_0, ...I32_CONST_0, 0x25, 0, 0x26, 0, // table.get / table.set (funcref)
        END,
      ])],
      ['ref.func of a declared function into a funcref', 0, body([0xd2, 1, 0xd1, 0x1a, ...I32_CONST_0, 0xd2, 1, 0x26, 0, END])],
      ['return_call and return_call_indirect with matching results', 1, body([0x12, 1, END])],
      ['try_table with every catch kind', 0, body([
        0x02, 0x7e, // block (result i64): target of catch $0
        0x02, 0x69, // block (result exnref): target of catch_all_ref
        0x1f, 0x40, 3, 0x00, 0, 1, 0x02, 2, 0x03, 0, // try_table (catch 0 1) (catch_all 2) (catch_all_ref 0)
        ...I64_CONST_0, 0x08, 0, // throw 0
        END, 0x0f, END, 0x0a, END, 0x1a, END,
      ])],
      ['legacy try with catch, catch_all, rethrow and delegate', 0, body([
        0x06, 0x40, 0x07, 0, 0x1a, 0x09, 0, 0x19, 0x09, 0, END,
        0x06, 0x40, 0x18, 0,
        END,
      ])],
    ];
    for (const [what, funcIndex, bytes] of valid) {
      it(`accepts ${what}`, () => {
        expect(() => validate(ctx, funcIndex, bytes)).not.to.throw();
      });
    }

    it('accepts 100,000 nested blocks without recursion', () => {
      const depth = 100_000;
      const code = [...new Array<number>(depth).fill(0).flatMap(() => [0x02, 0x40]), ...new Array<number>(depth).fill(END), END];
      expect(() => validate(ctx, 0, body(code))).not.to.throw();
    });

    it('reuses one validator for several bodies', () => {
      const validator = new FunctionBodyValidator(ctx);
      const bad = body([0x02, 0x40, ...I32_CONST_0]);
      expect(() => validator.validate(0, new BinaryReader(bad, 0, bad.length, BASE))).to.throw(ValidationError);
      const good = body([...I32_CONST_0, END]);
      validator.validate(1, new BinaryReader(good, 0, good.length, BASE));
      const params = body([0x20, 0, END]);
      validator.validate(2, new BinaryReader(params, 0, params.length, BASE));
    });
  });

  describe('operand typing', () => {
    it('rejects an operand of the wrong type, at the instruction', () => {
      expectInvalid(ctx, 1, body([...I64_CONST_0, 0x45, END]), 3, 'type mismatch: expected i32, found i64');
    });
    it('rejects popping from an empty stack', () => {
      expectInvalid(ctx, 0, body([0x6a, END]), 1, 'type mismatch: expected i32 but nothing on stack');
    });
    it('rejects values left at the end of a block', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, END]), 3, 'type mismatch: values remaining on stack at end of block');
    });
    it('rejects a missing result', () => {
      expectInvalid(ctx, 1, body([END]), 1, 'type mismatch: expected i32 but nothing on stack');
    });
    it('does not let a block pop operands of its parent', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, 0x02, 0x40, 0x1a, END, 0x1a, END]), 5, 'type mismatch: expected a type but nothing on stack');
    });
    it('rejects an if without else whose results differ from its params', () => {
      expectInvalid(ctx, 1, body([...I32_CONST_0, 0x04, 0x7f, ...I32_CONST_0, END, END]), 7, 'type mismatch: expected i32 but nothing on stack');
    });
    it('rejects untyped select on references', () => {
      expectInvalid(ctx, 0, body([0xd0, 0x70, 0xd0, 0x70, ...I32_CONST_0, 0x1b, 0x1a, END]), 7, 'type mismatch: select only takes integral types');
    });
    it('rejects untyped select on different types', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, ...I64_CONST_0, ...I32_CONST_0, 0x1b, 0x1a, END]), 7, 'type mismatch: select operands have different types');
    });
    it('rejects typed select with two types, after the count', () => {
      expectInvalid(ctx, 0, body([0x1c, 2, 0x7f, 0x7f, END]), 3, 'invalid result arity');
    });
    it('rejects ref.is_null on a number', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, 0xd1, 0x1a, END]), 3, 'type mismatch: expected ref but found i32');
    });
  });

  describe('locals and globals', () => {
    it('rejects an unknown local', () => {
      expectInvalid(ctx, 2, body([0x20, 1, END]), 1, 'unknown local 1: local index out of bounds');
    });
    it('rejects too many locals, at the declaration', () => {
      const bytes = Uint8Array.from([2, 1, 0x7f, 0xd0, 0x86, 0x03, 0x7e, END]); // 1 + 50,000
      expectInvalid(ctx, 0, bytes, 3, 'too many locals: locals exceed maximum');
    });
    it('rejects an unknown value type', () => {
      expectInvalid(ctx, 0, body([END], [[1, 0x40]]), 2, 'invalid value type');
    });
    it('rejects a v128 local without SIMD', () => {
      expectInvalid(context({}, { simd: false }), 0, body([END], [[1, 0x7b]]), 2, 'SIMD support is not enabled');
    });
    it('rejects an unknown global', () => {
      expectInvalid(ctx, 0, body([0x23, 5, 0x1a, END]), 1, 'unknown global 5: global index out of bounds');
    });
    it('rejects global.set of an immutable global', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, 0x24, 0, END]), 3, 'global is immutable: cannot modify it with `global.set`');
    });
  });

  describe('control flow', () => {
    it('rejects a branch depth beyond the frames', () => {
      expectInvalid(ctx, 0, body([0x02, 0x40, 0x0c, 2, END, END]), 3, 'unknown label: branch depth too large');
    });
    it('rejects br_table targets of different arity, even in unreachable code', () => {
      expectInvalid(ctx, 1, body([0x02, 0x40, 0x00, 0x0e, 1, 0, 1, END, ...I32_CONST_0, END]), 4, 'type mismatch: br_table target labels have different number of types');
    });
    it('rejects else outside an if', () => {
      expectInvalid(ctx, 0, body([0x02, 0x40, 0x05, END, END]), 3, 'else found outside of an `if` block');
    });
    it('rejects bytes after the final end', () => {
      expectInvalid(ctx, 0, body([END, 0x01]), 2, 'operators remaining after end of function');
    });
    it('rejects a body that runs out before its end', () => {
      expectInvalid(ctx, 0, body([0x02, 0x40, END]), 4, 'control frames remain at end of function: END opcode expected');
    });
    it('rejects a type-indexed block type without multi-value', () => {
      expectInvalid(context({}, { multiValue: false }), 0, body([0x02, T_VOID, END, END]), 1, 'blocks, loops, and ifs may only produce a resulttype when multi-value is not enabled');
    });
    it('rejects an unknown block type index', () => {
      expectInvalid(ctx, 0, body([0x02, 0x30, END, END]), 1, 'unknown type: type index out of bounds');
    });
    it('rejects an illegal opcode', () => {
      expectInvalid(ctx, 0, body([0x27, END]), 1, 'illegal opcode: 0x27');
    });
  });

  describe('calls', () => {
    it('rejects an unknown function', () => {
      expectInvalid(ctx, 0, body([0x10, 9, END]), 1, 'unknown function 9: function index out of bounds');
    });
    it('rejects call_indirect through an externref table', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, 0x11, T_VOID, 1, END]), 3, 'type mismatch: indirect calls must go through a table with type <= funcref');
    });
    it('rejects call_indirect through an unknown table', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, 0x11, T_VOID, 7, END]), 3, 'unknown table 7: table index out of bounds');
    });
    it('requires the zero table byte without reference types', () => {
      expectInvalid(context({}, { referenceTypes: false }), 0, body([...I32_CONST_0, 0x11, T_VOID, 1, END]), 5, 'zero byte expected');
    });
    it('rejects a tail call whose results differ from the caller', () => {
      expectInvalid(ctx, 0, body([0x12, 1, END]), 1, 'type mismatch: current function requires result type [] but callee returns [i32]');
    });
    it('rejects tail calls when they are disabled', () => {
      expectInvalid(context({}, { tailCall: false }), 1, body([0x12, 1, END]), 1, 'tail calls support is not enabled');
    });
  });

  describe('memory', () => {
    it('rejects an alignment above natural', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, 0x28, 3, 0, 0x1a, END]), 3, 'alignment must not be larger than natural');
    });
    it('rejects a load without memory', () => {
      expectInvalid(context({ memories: [] }), 0, body([...I32_CONST_0, 0x28, 2, 0, 0x1a, END]), 3, 'unknown memory 0');
    });
    it('reads a memory index after flag bit 6 with multi-memory', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, 0x28, 0x42, 1, 0, 0x1a, END]), 3, 'unknown memory 1');
    });
    it('rejects a non-zero memory.size byte without multi-memory', () => {
      expectInvalid(context({}, { multiMemory: false }), 0, body([0x3f, 1, 0x1a, END]), 2, 'zero byte expected');
    });
    it('requires the data count section for memory.init', () => {
      expectInvalid(context({ dataCount: null }), 0, body([...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, 0xfc, 8, 0, 0, END]), 7, 'data count section required');
    });
    it('rejects an unknown data segment', () => {
      expectInvalid(ctx, 0, body([0xfc, 9, 2, END]), 1, 'unknown data segment 2');
    });
    it('rejects table.init of an incompatible segment', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, 0xfc, 12, 1, 0, END]), 7, 'type mismatch');
    });
    it('rejects an unknown 0xfc subopcode', () => {
      expectInvalid(ctx, 0, body([0xfc, 0x20, END]), 1, 'unknown 0xfc subopcode: 0x20');
    });
  });

  describe('references', () => {
    it('rejects ref.func of an undeclared function', () => {
      expectInvalid(ctx, 0, body([0xd2, 0, 0x1a, END]), 1, 'undeclared function reference');
    });
    it('rejects ref.null without reference types', () => {
      expectInvalid(context({}, { referenceTypes: false }), 0, body([0xd0, 0x70, 0x1a, END]), 1, 'reference types support is not enabled');
    });
    it('rejects table.set of the wrong reference type', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, 0xd0, 0x6f, 0x26, 0, END]), 5, 'type mismatch: expected funcref, found externref');
    });
  });

  describe('feature gates', () => {
    it('rejects sign-extension operators when disabled', () => {
      expectInvalid(context({}, { signExtension: false }), 0, body([...I32_CONST_0, 0xc0, 0x1a, END]), 3, 'sign extension operations support is not enabled');
    });
    it('rejects saturating truncation when disabled', () => {
      expectInvalid(context({}, { saturatingFloatToInt: false }), 0, body([0x43, 0, 0, 0, 0, 0xfc, 0, 0x1a, END]), 6, 'saturating float to int conversions support is not enabled');
    });
    it('rejects try_table when exceptions are disabled', () => {
      expectInvalid(context({}, { exceptions: false }), 0, body([0x1f, 0x40, 0, END, END]), 1, 'exceptions support is not enabled');
    });
    it('rejects legacy try when legacy exceptions are disabled', () => {
      expectInvalid(context({}, { legacyExceptions: false }), 0, body([0x06, 0x40, END, END]), 1, 'legacy exceptions support is not enabled');
    });
    it('accepts throw with only legacy exceptions', () => {
      expect(() => validate(context({}, { exceptions: false }), 0, body([0x08, 1, END]))).not.to.throw();
    });
  });

  describe('exceptions', () => {
    it('rejects a catch label whose arity differs from the tag', () => {
      expectInvalid(ctx, 0, body([0x1f, 0x40, 1, 0x00, 0, 0, END, END]), 1, 'type mismatch: catch label must have same number of types as tag');
    });
    it('rejects catch_all to a label with results', () => {
      expectInvalid(ctx, 1, body([0x1f, 0x40, 1, 0x02, 0, END, ...I32_CONST_0, END]), 1, 'type mismatch: catch_all label must have no result types');
    });
    it('rejects a catch tag parameter that does not fit the label', () => {
      expectInvalid(ctx, 1, body([0x1f, 0x40, 1, 0x00, 0, 0, END, ...I32_CONST_0, END]), 1, 'type mismatch: expected i32, found i64');
    });
    it('rejects an unknown tag', () => {
      expectInvalid(ctx, 0, body([0x08, 4, END]), 1, 'unknown tag 4: tag index out of bounds');
    });
    it('rejects rethrow that does not target a catch', () => {
      expectInvalid(ctx, 0, body([0x06, 0x40, 0x09, 0, END, END]), 3, 'invalid rethrow label: target was not a `catch` block');
    });
    it('pushes the tag parameters in a legacy catch', () => {
      expectInvalid(ctx, 0, body([0x06, 0x40, 0x07, 0, END, END]), 5, 'type mismatch: values remaining on stack at end of block');
    });
  });

  describe('more immediates and gates', () => {
    it('rejects a negative multi-byte block type index, at the index', () => {
      expectInvalid(ctx, 0, body([0x02, 0xff, 0x7f, END, END]), 2, 'invalid function type');
    });
    it('rejects an exnref local without exceptions', () => {
      expectInvalid(context({}, { exceptions: false }), 0, body([END], [[1, 0x69]]), 2, 'exceptions support is not enabled');
    });
    it('rejects SIMD instructions without SIMD, at the prefix', () => {
      expectInvalid(context({}, { simd: false }), 0, body([0x01, 0xfd, 0x0c, END]), 2, 'SIMD support is not enabled');
    });
    it('rejects atomics without threads, at the prefix', () => {
      expectInvalid(context({}, { threads: false }), 0, body([0xfe, 0x03, 0x00, END]), 1, 'threads support is not enabled');
    });
    it('accepts return_call_indirect whose callee results match', () => {
      expect(() => validate(ctx, 2, body([0x20, 0, 0x20, 0, 0x13, T_I32_I32, 0, END]))).not.to.throw();
    });
    it('rejects bulk memory when disabled', () => {
      expectInvalid(context({}, { bulkMemory: false }), 0, body([0xfc, 9, 0, END]), 1, 'bulk memory support is not enabled');
    });
    it('rejects memory.copy between unknown memories', () => {
      expectInvalid(ctx, 0, body([...I32_CONST_0, ...I32_CONST_0, ...I32_CONST_0, 0xfc, 10, 0, 3, END]), 7, 'unknown memory 3');
    });
    it('rejects an unknown elem segment', () => {
      expectInvalid(ctx, 0, body([0xfc, 13, 2, END]), 1, 'unknown elem segment 2: segment index out of bounds');
    });
    it('rejects ref.null of a GC heap type', () => {
      expectInvalid(ctx, 0, body([0xd0, 0x6e, 0x1a, END]), 2, 'gc support is not enabled');
    });
    it('rejects a catch_all_ref label that cannot take an exnref', () => {
      expectInvalid(ctx, 1, body([0x1f, 0x40, 1, 0x03, 0, END, ...I32_CONST_0, END]), 1, 'type mismatch: catch_all_ref label must a subtype of (ref exn)');
    });
    it('rejects a catch_all after catch_all in a legacy try', () => {
      expectInvalid(ctx, 0, body([0x06, 0x40, 0x19, 0x19, END, END]), 4, 'catch_all found outside of a `try` block');
    });
    it('rejects delegate to a label beyond the enclosing frames', () => {
      expectInvalid(ctx, 0, body([0x06, 0x40, 0x18, 1, END]), 3, 'unknown label: branch depth too large');
    });
  });

  describe('as an OperatorContext', () => {
    it('reads a memarg with the memory and its address type', () => {
      const validator = new FunctionBodyValidator(ctx);
      validator.reader = new BinaryReader(Uint8Array.of(0x02, 0x10), 0, 2, BASE);
      const memarg = validator.readMemarg(2, true);
      expect(memarg).to.deep.equal({ memory: 0, indexType: I32, alignLog2: 2, shared: false });
      expect(validator.reader.pos).to.equal(2);
    });
    it('rejects an inexact alignment where one is required', () => {
      const validator = new FunctionBodyValidator(ctx);
      validator.reader = new BinaryReader(Uint8Array.of(0x01, 0x00), 0, 2, BASE);
      expect(() => validator.readMemarg(2, true))
        .to.throw(ValidationError)
        .with.property('reason', 'atomic instructions must always specify maximum alignment');
    });
  });

  describe('offsets', () => {
    it('reports offsets in the whole binary for a body inside a larger buffer', () => {
      const code = body([...I64_CONST_0, 0x45, END]);
      const bytes = new Uint8Array(20 + code.length);
      bytes.set(code, 20);
      const reader = new BinaryReader(bytes, 20, bytes.length, 0x1000);
      expect(() => validateFunctionBody(ctx, 1, reader))
        .to.throw(ValidationError)
        .with.property('offset', 0x1000 + 20 + 3);
    });
  });

  describe('hostile input', () => {
    it('reports a truncated immediate as end-of-file at the end', () => {
      expectInvalid(ctx, 0, body([0x41, 0x80]), 3, 'unexpected end-of-file');
    });
    it('never throws anything but ValidationError on random bytes', () => {
      let seed = 12345;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed >> 16;
      };
      for (let n = 0; n < 3000; n++) {
        const bytes = Uint8Array.from({ length: 1 + (random() % 40) }, () => random() & 0xff);
        try {
          validate(ctx, n % 5, bytes);
        } catch (e) {
          expect(e).to.be.instanceOf(ValidationError);
        }
      }
    });
  });

  it('exposes F32/F64 results of loads', () => {
    expect(() => validate(ctx, 0, body([...I32_CONST_0, 0x2a, 2, 0, 0x8b, 0x1a, ...I32_CONST_0, 0x2b, 3, 0, 0x99, 0x1a, END]))).not.to.throw();
    void F32;
    void F64;
  });
});
