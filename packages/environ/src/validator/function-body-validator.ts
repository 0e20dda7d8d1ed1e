/**
 * Validation of function bodies: instruction decoding and typing on top of the operand and
 * control stacks of validation-stacks.ts, following the core spec's appendix "Validation
 * Algorithm" (https://webassembly.github.io/spec/core/appendix/algorithm.html) as wasmparser's
 * `validator/operators.rs` does, with stack polymorphism after `unreachable`, `br`, `return`
 * and `throw`.
 *
 * Why this shape: this is the hot loop of module validation, so
 * - one `switch` on the opcode byte in `run`, holding only the common instructions; the rare
 *   ones live in `coldOp` and the `0xfc` family in prefix-fc-operators.ts. A small hot loop is
 *   optimized by V8 sooner, and a rare instruction's first appearance (whose call sites have
 *   no type feedback yet) deoptimizes the cold method rather than the loop;
 * - the plain numeric instructions are checked from small tables (numeric-signatures.ts)
 *   instead of ~180 cases;
 * - one validator object is reused for every body of a module, so steady state allocates
 *   nothing per instruction;
 * - nothing recurses, so hostile nesting only grows the stacks' arrays.
 */
import { BinaryReader } from '../binary/binary-reader.js';
import { ValidationError } from '../error.js';
import type { FuncType } from '../types/core-types.js';
import {
  AbstractHeapType,
  EXNREF,
  F32,
  F64,
  FUNCREF,
  I32,
  I64,
  REF_BIT,
  concreteHeapType,
  refType,
  valTypeToString,
  type HeapType,
  type ValType,
} from '../types/val-type.js';
import { validateAtomicOperator } from './atomic-operators.js';
import { readBlockType } from './block-type-reader.js';
import type { ModuleValidationContext } from './module-context.js';
import {
  funcTypeAt,
  funcTypeOfFunction,
  isSubtype,
  tableAt,
  tagParams,
} from './module-lookups.js';
import {
  FIRST_SIGN_EXTENSION_OPCODE,
  NUMERIC_OPERAND_SECOND,
  NUMERIC_OPERAND_TOP,
  NUMERIC_RESULT,
} from './numeric-signatures.js';
import type { MemArg, OperatorContext } from './operator-context.js';
import { validatePrefixFcOperator } from './prefix-fc-operators.js';
import { validateSimdOperator } from './simd-operators.js';
import {
  EMPTY,
  FRAME_BLOCK,
  FRAME_ELSE,
  FRAME_IF,
  FRAME_LEGACY_CATCH,
  FRAME_LEGACY_CATCH_ALL,
  FRAME_LEGACY_TRY,
  FRAME_LOOP,
  FRAME_TRY_TABLE,
  UNKNOWN,
  ValidationStacks,
} from './validation-stacks.js';
import { readHeapType, readValType } from '../types/val-type-reader.js';

/** wasmparser's `MAX_WASM_FUNCTION_LOCALS`: parameters and declared locals together. */
const MAX_FUNCTION_LOCALS = 50_000;

/** `(ref exn)`: what `catch_ref`/`catch_all_ref` hand to their label. */
const EXN_NON_NULL = refType(AbstractHeapType.exn as HeapType, false);

/** Natural alignment (log2) of the loads 0x28..0x35 and stores 0x36..0x3e, by opcode - 0x28. */
const MEMORY_ACCESS_ALIGN = Uint8Array.of(2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 2, 3, 2, 3, 0, 1, 0, 1, 2);
/** Loaded or stored value type of 0x28..0x3e, by opcode - 0x28. */
const MEMORY_ACCESS_TYPE = Uint8Array.of(
  I32, I64, F32, F64, I32, I32, I32, I32, I64, I64, I64, I64, I64, I64,
  I32, I64, F32, F64, I32, I32, I64, I64, I64,
);

/** A `MemArg` the validator refills on every `readMemarg` call (it is read before the next). */
interface MutableMemArg {
  memory: number;
  indexType: ValType;
  alignLog2: number;
  shared: boolean;
}

/**
 * Validates function bodies of one module. Construct it once per module (after the sections
 * before the code section have filled `ctx`) and call `validate` for every body: its stacks
 * are reused. It is also the `OperatorContext` that the SIMD and atomics validators use.
 */
export class FunctionBodyValidator extends ValidationStacks implements OperatorContext {
  // The fields the constructor sets are `declare`d: a plain declaration compiles (ES2022 class
  // fields) to a field first set to `undefined`, which widens V8's record of the field's
  // representation and costs a check on every read in the hot loop.

  /** The reader of the body being validated. */
  declare reader: BinaryReader;

  // Feature flags, copied once: they are read in the hot loop.
  private declare readonly multiMemory: boolean;
  private declare readonly memory64: boolean;
  private declare readonly referenceTypes: boolean;

  /** Types of the locals (parameters first) of the current function. */
  private readonly localTypes: number[] = [];
  private localCount = 0;

  /** What `readMemarg` returns, refilled on each call (callers read it before the next). */
  private readonly memarg: MutableMemArg = { memory: 0, indexType: I32, alignLog2: 0, shared: false };
  /** The memory index of the memarg just read by `readMemargFlags`. */
  private memargMemory = 0;
  /** The address type of memory 0 (I32 or I64), or 0 when the module has no memory. */
  private declare readonly memory0Type: number;

  constructor(ctx: ModuleValidationContext) {
    super(ctx);
    const features = ctx.features;
    this.multiMemory = features.multiMemory;
    this.memory64 = features.memory64;
    this.referenceTypes = features.referenceTypes;
    const memory0 = ctx.memories[0];
    this.memory0Type = memory0 === undefined ? 0 : memory0.is64 ? I64 : I32;
    this.reader = new BinaryReader(new Uint8Array(0));
  }

  /**
   * Validates the body of function `funcIndex` (in the function index space, imports first);
   * `reader` spans exactly the body after its size prefix (the locals, then the instructions
   * up to and including the final `end`).
   * @throws ValidationError for the first problem found, at its offset
   */
  validate(funcIndex: number, reader: BinaryReader): void {
    this.reader = reader;
    this.resetStacks();
    this.opOffset = reader.offset;
    const typeIndex = this.module.funcTypeIndices[funcIndex];
    if (typeIndex === undefined) {
      this.fail(`unknown function ${funcIndex}: function index out of bounds`, reader.offset);
    }
    const type = funcTypeAt(this.module, typeIndex, this.opOffset);
    this.readLocals(type.params);
    this.pushCtrl(FRAME_BLOCK, EMPTY, type.results);
    this.run();
  }

  // ---- OperatorContext ----

  /**
   * Reads and checks a memarg for a prefixed instruction (see `OperatorContext`). The returned
   * object is reused by the next call.
   * @throws ValidationError for malformed flags, an unknown memory or a bad alignment
   */
  readMemarg(maxAlignLog2: number, exact: boolean): MemArg {
    const align = this.readMemargFlags();
    const memory = this.memargMemory;
    const memarg = this.memarg;
    if (exact && align !== maxAlignLog2) {
      this.failAtOp('atomic instructions must always specify maximum alignment');
    }
    const mem = this.module.memories[memory];
    if (mem === undefined) this.failAtOp(`unknown memory ${memory}`);
    if (align > maxAlignLog2) this.failAtOp('alignment must not be larger than natural');
    memarg.memory = memory;
    memarg.indexType = mem.is64 ? I64 : I32;
    memarg.alignLog2 = align;
    memarg.shared = mem.shared;
    return memarg;
  }

  /**
   * Throws a `ValidationError` at `offset`.
   * @throws ValidationError always
   */
  fail(reason: string, offset: number): never {
    throw new ValidationError(reason, offset);
  }

  // ---- the instruction loop ----

  // Why `run` looks the way it does: V8 (TurboFan) inlines callees into this loop only up to a
  // cumulative bytecode budget, and which callees win depends on the type feedback at the
  // moment it optimizes; with a helper call per immediate and per pop, hot helpers (`readU32`,
  // `readMemoryAccess`, `popAll`) were often left as real calls, and the speed varied from run
  // to run. So the hottest paths (local access, loads and stores, constants, plain numeric
  // instructions) read their LEB immediates and pop their operands inline here, instructions
  // share one call site where they can, and the rest are calls to small methods.
  private run(): void {
    const r = this.reader;
    const bytes = r.bytes;
    const end = r.end;
    const ops = this.ops;
    const localTypes = this.localTypes;
    for (;;) {
      const start = r.pos;
      if (start >= end) this.fail('control frames remain at end of function: END opcode expected', r.offset);
      this.opOffset = start + r.baseOffset;
      const op = bytes[start] as number;
      r.pos = start + 1;
      switch (op) {
        case 0x00: // unreachable
          this.setUnreachable();
          break;
        case 0x01: // nop
          break;
        case 0x02: // block
        case 0x03: // loop
        case 0x04: // if
          this.blockStart(op);
          break;
        case 0x05:
          this.elseOp();
          break;
        case 0x0b: // end
          if (this.endOp()) return;
          break;
        case 0x0c:
          this.br();
          break;
        case 0x0d:
          this.brIf();
          break;
        case 0x0e:
          this.brTable();
          break;
        case 0x0f: // return
          this.checkReturn();
          break;
        case 0x10:
          this.call();
          break;
        case 0x11:
          this.callIndirect();
          break;
        case 0x1a: // drop
          this.popAny();
          break;
        case 0x1b:
          this.select();
          break;
        case 0x20: // local.get
        case 0x21: // local.set
        case 0x22: {
          // local.tee
          const p = r.pos;
          let index = p < end ? (bytes[p] as number) : 0x80;
          if (index < 0x80) r.pos = p + 1;
          else index = r.readVarU32();
          if (index >= this.localCount) this.unknownLocal(index);
          const type = localTypes[index] as number;
          if (op !== 0x20) {
            const len = this.opsLen;
            if (len > this.curHeight && ops[len - 1] === type) this.opsLen = len - 1;
            else this.popOperand(type as ValType);
          }
          if (op !== 0x21) ops[this.opsLen++] = type;
          break;
        }
        case 0x23: // global.get
        case 0x24: // global.set
          this.globalOp(op);
          break;
        case 0x28: // loads
        case 0x29:
        case 0x2a:
        case 0x2b:
        case 0x2c:
        case 0x2d:
        case 0x2e:
        case 0x2f:
        case 0x30:
        case 0x31:
        case 0x32:
        case 0x33:
        case 0x34:
        case 0x35:
        case 0x36: // stores
        case 0x37:
        case 0x38:
        case 0x39:
        case 0x3a:
        case 0x3b:
        case 0x3c:
        case 0x3d:
        case 0x3e: {
          const indexType = this.readMemoryAccess(MEMORY_ACCESS_ALIGN[op - 0x28] as number);
          const type = MEMORY_ACCESS_TYPE[op - 0x28] as number;
          let len = this.opsLen;
          if (op >= 0x36) {
            // A store pops its value, then the address.
            if (len > this.curHeight && ops[len - 1] === type) this.opsLen = len - 1;
            else this.popOperand(type as ValType);
            len = this.opsLen;
          }
          if (len > this.curHeight && ops[len - 1] === indexType) this.opsLen = len - 1;
          else this.popOperand(indexType);
          if (op < 0x36) ops[this.opsLen++] = type;
          break;
        }
        case 0x41: {
          // i32.const: the one-byte LEB is by far the most common.
          const p = r.pos;
          if (p < end && (bytes[p] as number) < 0x80) r.pos = p + 1;
          else r.readVarS32();
          ops[this.opsLen++] = I32;
          break;
        }
        case 0x42: // i64.const
          r.skipVarS64();
          ops[this.opsLen++] = I64;
          break;
        case 0x43: // f32.const
          r.skip(4);
          ops[this.opsLen++] = F32;
          break;
        case 0x44: // f64.const
          r.skip(8);
          ops[this.opsLen++] = F64;
          break;
        default: {
          const result = NUMERIC_RESULT[op] as number;
          if (result === 0 || op >= FIRST_SIGN_EXTENSION_OPCODE) {
            this.coldOp(op);
            break;
          }
          // A plain numeric instruction whose operands are on the stack with their exact types
          // (the common case) is retyped in place; anything else goes through `numeric`.
          const top = NUMERIC_OPERAND_TOP[op] as number;
          const second = NUMERIC_OPERAND_SECOND[op] as number;
          const len = this.opsLen;
          if (second === 0) {
            if (len > this.curHeight && ops[len - 1] === top) {
              ops[len - 1] = result;
              break;
            }
          } else if (len - 1 > this.curHeight && ops[len - 1] === top && ops[len - 2] === second) {
            ops[len - 2] = result;
            this.opsLen = len - 1;
            break;
          }
          this.numeric(result, top, second);
        }
      }
    }
  }

  // ---- control and calls (out of `run`, see there) ----

  /** `block`, `loop` and `if`. */
  private blockStart(op: number): void {
    const block = readBlockType(this.reader, this.module, this.opOffset);
    if (op === 0x04) this.popOperand(I32);
    this.popAll(block.params);
    this.pushCtrl(op === 0x02 ? FRAME_BLOCK : op === 0x03 ? FRAME_LOOP : FRAME_IF, block.params, block.results);
  }

  private elseOp(): void {
    const top = this.ctrlLen - 1;
    if (this.ctrlKind[top] !== FRAME_IF) this.failAtOp('else found outside of an `if` block');
    this.popCtrl();
    this.pushCtrl(FRAME_ELSE, this.ctrlParams[top] as readonly ValType[], this.ctrlResults[top] as readonly ValType[]);
  }

  /** `end`; returns true when it closed the function's own frame. */
  private endOp(): boolean {
    const r = this.reader;
    const top = this.ctrlLen - 1;
    const results = this.ctrlResults[top] as readonly ValType[];
    if (this.ctrlKind[top] === FRAME_IF) {
      // `if` without `else`: the missing else passes the params through, so they must
      // match the results.
      const params = this.ctrlParams[top] as readonly ValType[];
      this.popCtrl();
      this.pushCtrl(FRAME_ELSE, params, results);
    }
    this.popCtrl();
    if (this.ctrlLen === 0) {
      if (r.pos !== r.end) this.fail('operators remaining after end of function', r.offset);
      return true;
    }
    this.pushAll(results);
    return false;
  }

  private br(): void {
    this.popAll(this.labelTypes(this.readU32()));
    this.setUnreachable();
  }

  private brIf(): void {
    const depth = this.readU32();
    this.popOperand(I32);
    const types = this.labelTypes(depth);
    this.popAll(types);
    this.pushAll(types);
  }

  private call(): void {
    const type = funcTypeOfFunction(this.module, this.readU32(), this.opOffset);
    this.popAll(type.params);
    this.pushAll(type.results);
  }

  private callIndirect(): void {
    const typeIndex = this.readU32();
    const table = this.referenceTypes ? this.readU32() : this.readZeroByte();
    const type = this.checkCallIndirect(typeIndex, table);
    this.popAll(type.params);
    this.pushAll(type.results);
  }

  /** `global.get` and `global.set`. */
  private globalOp(op: number): void {
    const index = this.readU32();
    const global = this.module.globals[index];
    if (global === undefined) this.failAtOp(`unknown global ${index}: global index out of bounds`);
    if (op === 0x23) {
      this.ops[this.opsLen++] = global.content;
      return;
    }
    if (!global.mutable) this.failAtOp('global is immutable: cannot modify it with `global.set`');
    this.popOperand(global.content);
  }

  /**
   * The instructions that are rare in real code. Keeping them out of `run` keeps the hot
   * loop small: V8 then optimizes it sooner, and the first use of a rare instruction (whose
   * call sites have no type feedback yet) deoptimizes this method instead of the whole loop.
   */
  private coldOp(op: number): void {
    const r = this.reader;
    const ctx = this.module;
    const features = ctx.features;
    switch (op) {
      case 0x06: {
        // try (legacy)
        if (!features.legacyExceptions) this.featureOff('legacy exceptions');
        const block = readBlockType(r, this.module, this.opOffset);
        this.popAll(block.params);
        this.pushCtrl(FRAME_LEGACY_TRY, block.params, block.results);
        return;
      }
      case 0x07: {
        // catch (legacy)
        if (!features.legacyExceptions) this.featureOff('legacy exceptions');
        const tag = this.readU32();
        const top = this.ctrlLen - 1;
        const kind = this.ctrlKind[top];
        if (kind !== FRAME_LEGACY_TRY && kind !== FRAME_LEGACY_CATCH) {
          this.failAtOp('catch found outside of an `try` block');
        }
        this.popCtrl();
        // A catch frame starts with the tag's params on the stack; they are not the
        // frame's params (branches to it carry its results).
        this.pushCtrl(FRAME_LEGACY_CATCH, EMPTY, this.ctrlResults[top] as readonly ValType[]);
        this.pushAll(tagParams(this.module, tag, this.opOffset));
        return;
      }
      case 0x08: {
        // throw
        if (!features.exceptions && !features.legacyExceptions) this.featureOff('exceptions');
        const tag = this.readU32();
        this.popAll(tagParams(this.module, tag, this.opOffset));
        this.setUnreachable();
        return;
      }
      case 0x09: {
        // rethrow (legacy)
        if (!features.legacyExceptions) this.featureOff('legacy exceptions');
        const depth = this.readU32();
        this.checkDepth(depth);
        const kind = this.ctrlKind[this.ctrlLen - 1 - depth];
        if (kind !== FRAME_LEGACY_CATCH && kind !== FRAME_LEGACY_CATCH_ALL) {
          this.failAtOp('invalid rethrow label: target was not a `catch` block');
        }
        this.setUnreachable();
        return;
      }
      case 0x0a: // throw_ref
        if (!features.exceptions) this.featureOff('exceptions');
        this.popOperand(EXNREF);
        this.setUnreachable();
        return;
      case 0x12: {
        // return_call
        if (!features.tailCall) this.featureOff('tail calls');
        this.checkReturnCall(funcTypeOfFunction(this.module, this.readU32(), this.opOffset));
        return;
      }
      case 0x13: {
        // return_call_indirect
        if (!features.tailCall) this.featureOff('tail calls');
        const typeIndex = this.readU32();
        const table = this.readU32();
        this.checkReturnCall(this.checkCallIndirect(typeIndex, table));
        return;
      }
      case 0x14: // call_ref
      case 0x15: // return_call_ref
      case 0xd4: // ref.as_non_null
      case 0xd5: // br_on_null
      case 0xd6: // br_on_non_null
        return this.featureOff('function references');
      case 0xd3: // ref.eq
      case 0xfb: // GC prefix
        return this.featureOff('gc');
      case 0x18: {
        // delegate (legacy)
        if (!features.legacyExceptions) this.featureOff('legacy exceptions');
        const depth = this.readU32();
        const top = this.ctrlLen - 1;
        if (this.ctrlKind[top] !== FRAME_LEGACY_TRY) this.failAtOp('delegate found outside of an `try` block');
        this.popCtrl();
        // Not a branch, but the label must exist (relative to the frames outside the try).
        this.checkDepth(depth);
        this.pushAll(this.ctrlResults[top] as readonly ValType[]);
        return;
      }
      case 0x19: {
        // catch_all (legacy)
        if (!features.legacyExceptions) this.featureOff('legacy exceptions');
        const top = this.ctrlLen - 1;
        const kind = this.ctrlKind[top];
        if (kind !== FRAME_LEGACY_TRY && kind !== FRAME_LEGACY_CATCH) {
          this.failAtOp('catch_all found outside of a `try` block');
        }
        this.popCtrl();
        this.pushCtrl(FRAME_LEGACY_CATCH_ALL, EMPTY, this.ctrlResults[top] as readonly ValType[]);
        return;
      }
      case 0x1c: {
        // select t*
        if (!this.referenceTypes) this.featureOff('reference types');
        const count = r.readVarU32();
        if (count !== 1) this.fail('invalid result arity', r.offset);
        const type = readValType(r, features);
        this.popOperand(I32);
        this.popOperand(type);
        this.popOperand(type);
        this.pushOperand(type);
        return;
      }
      case 0x1f:
        this.tryTable();
        return;
      case 0x25: {
        // table.get
        if (!this.referenceTypes) this.featureOff('reference types');
        const table = tableAt(this.module, this.readU32(), this.opOffset);
        this.popOperand(table.is64 ? I64 : I32);
        this.pushOperand(table.element);
        return;
      }
      case 0x26: {
        // table.set
        if (!this.referenceTypes) this.featureOff('reference types');
        const table = tableAt(this.module, this.readU32(), this.opOffset);
        this.popOperand(table.element);
        this.popOperand(table.is64 ? I64 : I32);
        return;
      }
      case 0x3f: {
        // memory.size
        const memory = this.multiMemory ? this.readU32() : this.readZeroByte();
        this.pushOperand(this.memoryIndexType(memory));
        return;
      }
      case 0x40: {
        // memory.grow
        const memory = this.multiMemory ? this.readU32() : this.readZeroByte();
        const indexType = this.memoryIndexType(memory);
        this.popOperand(indexType);
        this.pushOperand(indexType);
        return;
      }
      case 0xd0: {
        // ref.null
        if (!this.referenceTypes) this.featureOff('reference types');
        this.pushOperand(refType(readHeapType(r, features), true));
        return;
      }
      case 0xd1: {
        // ref.is_null
        if (!this.referenceTypes) this.featureOff('reference types');
        const type = this.popAny();
        if (type !== UNKNOWN && (type & REF_BIT) === 0) {
          this.failAtOp(`type mismatch: expected ref but found ${valTypeToString(type as ValType)}`);
        }
        this.pushOperand(I32);
        return;
      }
      case 0xd2: {
        // ref.func
        if (!this.referenceTypes) this.featureOff('reference types');
        const index = this.readU32();
        const typeIndex = ctx.funcTypeIndices[index];
        if (typeIndex === undefined) this.failAtOp(`unknown function ${index}: function index out of bounds`);
        if (!ctx.declaredFuncRefs.has(index)) this.failAtOp('undeclared function reference');
        // A non-null reference to the function's own type, a subtype of funcref.
        this.pushOperand(refType(concreteHeapType(typeIndex), false));
        return;
      }
      case 0xfc:
        validatePrefixFcOperator(r.readVarU32(), this, this.opOffset);
        return;
      case 0xfd: {
        if (!features.simd) this.featureOff('SIMD');
        const offset = this.opOffset;
        validateSimdOperator(r.readVarU32(), this, offset);
        return;
      }
      case 0xfe: {
        if (!features.threads) this.featureOff('threads');
        const offset = this.opOffset;
        validateAtomicOperator(r.readVarU32(), this, offset);
        return;
      }
      default: {
        const result = NUMERIC_RESULT[op] as number;
        if (result === 0) this.failAtOp(`illegal opcode: 0x${op.toString(16)}`);
        if (!features.signExtension) this.featureOff('sign extension operations');
        this.numeric(result, NUMERIC_OPERAND_TOP[op] as number, NUMERIC_OPERAND_SECOND[op] as number);
      }
    }
  }

  /** A plain numeric instruction: pops `top` (and `second` when non-zero), pushes `result`. */
  private numeric(result: number, top: number, second: number): void {
    const ops = this.ops;
    const len = this.opsLen;
    if (second === 0) {
      if (len > this.curHeight && ops[len - 1] === top) {
        ops[len - 1] = result;
        return;
      }
      this.popOperand(top as ValType);
    } else {
      if (len - 1 > this.curHeight && ops[len - 1] === top && ops[len - 2] === second) {
        ops[len - 2] = result;
        this.opsLen = len - 1;
        return;
      }
      this.popOperand(top as ValType);
      this.popOperand(second as ValType);
    }
    this.ops[this.opsLen++] = result;
  }

  /** `br_table`: every target must have the default's arity, and its types must be on the stack. */
  private brTable(): void {
    const r = this.reader;
    const count = r.readVarU32();
    // The default label comes last but is checked first (as wasmparser does), so skip over
    // the targets once to find it and come back; nothing is allocated for the table.
    const targetsStart = r.pos;
    for (let i = 0; i < count; i++) r.readVarU32();
    const defaultDepth = r.readVarU32();
    const after = r.pos;
    this.popOperand(I32);
    const defaultTypes = this.labelTypes(defaultDepth);
    r.pos = targetsStart;
    for (let i = 0; i < count; i++) {
      const types = this.labelTypes(this.readU32());
      if (types.length !== defaultTypes.length) {
        this.failAtOp('type mismatch: br_table target labels have different number of types');
      }
      this.matchStackTop(types);
    }
    r.pos = after;
    this.popAll(defaultTypes);
    this.setUnreachable();
  }

  /** Untyped `select`: only numeric and vector operands, both of the same type. */
  private select(): void {
    this.popOperand(I32);
    const first = this.popAny();
    const second = this.popAny();
    if ((first & REF_BIT) !== 0 || (second & REF_BIT) !== 0) {
      this.failAtOp('type mismatch: select only takes integral types');
    }
    if (first !== second && first !== UNKNOWN && second !== UNKNOWN) {
      this.failAtOp('type mismatch: select operands have different types');
    }
    this.ops[this.opsLen++] = first === UNKNOWN ? second : first;
  }

  /** `try_table bt catch*`: each catch clause must fit its label; then a block-like frame. */
  private tryTable(): void {
    const r = this.reader;
    if (!this.module.features.exceptions) this.featureOff('exceptions');
    const { params, results } = readBlockType(r, this.module, this.opOffset);
    this.popAll(params);
    const count = r.readVarU32();
    for (let i = 0; i < count; i++) {
      const kindAt = r.pos;
      const kind = r.readU8();
      switch (kind) {
        case 0x00: // catch tag label
        case 0x01: {
          // catch_ref tag label
          const params = tagParams(this.module, this.readU32(), this.opOffset);
          const labelTypes = this.labelTypes(this.readU32());
          const withRef = kind === 0x01;
          if (labelTypes.length !== params.length + (withRef ? 1 : 0)) {
            this.failAtOp(
              withRef
                ? 'type mismatch: catch_ref label must have one more type than tag types'
                : 'type mismatch: catch label must have same number of types as tag',
            );
          }
          for (let j = 0; j < params.length; j++) {
            this.expectSubtype(params[j] as ValType, labelTypes[j] as ValType);
          }
          if (withRef) this.expectSubtype(EXN_NON_NULL, labelTypes[params.length] as ValType);
          break;
        }
        case 0x02: {
          // catch_all label
          if (this.labelTypes(this.readU32()).length !== 0) {
            this.failAtOp('type mismatch: catch_all label must have no result types');
          }
          break;
        }
        case 0x03: {
          // catch_all_ref label
          const labelTypes = this.labelTypes(this.readU32());
          if (labelTypes.length !== 1) {
            this.failAtOp('type mismatch: catch_all_ref label must have exactly one result type');
          }
          if (!isSubtype(this.module, EXN_NON_NULL, labelTypes[0] as ValType)) {
            this.failAtOp('type mismatch: catch_all_ref label must a subtype of (ref exn)');
          }
          break;
        }
        default:
          r.fail(`invalid leading byte (0x${kind.toString(16)}) for catch`, kindAt);
      }
    }
    this.pushCtrl(FRAME_TRY_TABLE, params, results);
  }

  // ---- locals and block types ----

  private readLocals(params: readonly ValType[]): void {
    const r = this.reader;
    const features = this.module.features;
    const types = this.localTypes;
    let n = 0;
    for (; n < params.length; n++) types[n] = params[n] as ValType;
    const groups = r.readVarU32();
    for (let g = 0; g < groups; g++) {
      const at = r.pos;
      const count = r.readVarU32();
      const type = readValType(r, features);
      if (count > MAX_FUNCTION_LOCALS - n) r.fail('too many locals: locals exceed maximum', at);
      for (const end = n + count; n < end; n++) types[n] = type;
    }
    this.localCount = n;
  }

  private checkReturn(): void {
    this.popAll(this.ctrlResults[0] as readonly ValType[]);
    this.setUnreachable();
  }

  /** Checks a `call_indirect`'s table and pops its index operand; returns the callee type. */
  private checkCallIndirect(typeIndex: number, tableIndex: number): FuncType {
    const table = tableAt(this.module, tableIndex, this.opOffset);
    if (!isSubtype(this.module, table.element, FUNCREF)) {
      this.failAtOp('type mismatch: indirect calls must go through a table with type <= funcref');
    }
    this.popOperand(table.is64 ? I64 : I32);
    return funcTypeAt(this.module, typeIndex, this.opOffset);
  }

  /** A tail call: the callee's results must be the function's, then it acts like `return`. */
  private checkReturnCall(callee: FuncType): void {
    const own = this.ctrlResults[0] as readonly ValType[];
    const theirs = callee.results;
    let same = own.length === theirs.length;
    for (let i = 0; same && i < own.length; i++) same = isSubtype(this.module, theirs[i] as ValType, own[i] as ValType);
    if (!same) {
      this.failAtOp(
        `type mismatch: current function requires result type [${typeList(own)}] but callee returns [${typeList(theirs)}]`,
      );
    }
    this.popAll(callee.params);
    this.pushAll(theirs);
    this.checkReturn();
  }

  private memoryIndexType(memory: number): ValType {
    const mem = this.module.memories[memory];
    if (mem === undefined) return this.failAtOp(`unknown memory ${memory}`);
    return mem.is64 ? I64 : I32;
  }

  // ---- immediates ----

  /** A LEB128 u32, with the one-byte case inline. */
  private readU32(): number {
    const r = this.reader;
    const p = r.pos;
    if (p < r.end) {
      const b = r.bytes[p] as number;
      if (b < 0x80) {
        r.pos = p + 1;
        return b;
      }
    }
    return r.readVarU32();
  }

  /** The reserved byte of MVP encodings, which must be exactly 0x00 (not a LEB 0). */
  private readZeroByte(): number {
    const r = this.reader;
    const at = r.pos;
    if (r.readU8() !== 0) r.fail('zero byte expected', at);
    return 0;
  }

  /**
   * Reads a memarg's flags, optional memory index and offset; returns the alignment and leaves
   * the memory index in `memargMemory`.
   */
  private readMemargFlags(): number {
    const r = this.reader;
    const flagsAt = r.pos;
    let flags = this.readU32();
    let memory = 0;
    // With multi-memory, bit 6 of the flags says a memory index follows.
    if (this.multiMemory && (flags & 0x40) !== 0) {
      flags ^= 0x40;
      memory = this.readU32();
    }
    if (flags >= (this.multiMemory ? 0x40 : 0x20)) r.fail('malformed memop alignment: alignment too large', flagsAt);
    if (this.memory64) r.readVarU64();
    else this.readU32();
    this.memargMemory = memory;
    return flags;
  }

  /** Reads and checks a plain load/store memarg; returns the address type. */
  private readMemoryAccess(naturalAlign: number): ValType {
    // Fast path: memory 0 exists and the flags are one byte no larger than the natural
    // alignment (so no memory index follows); then only the offset is left to read.
    const r = this.reader;
    const p = r.pos;
    const memory0Type = this.memory0Type;
    if (p < r.end && (r.bytes[p] as number) <= naturalAlign && memory0Type !== 0) {
      const q = p + 1;
      if (q < r.end && (r.bytes[q] as number) < 0x80) {
        r.pos = q + 1;
      } else {
        r.pos = q;
        if (this.memory64) r.readVarU64();
        else r.readVarU32();
      }
      return memory0Type as ValType;
    }
    return this.readMemoryAccessSlow(naturalAlign);
  }

  private readMemoryAccessSlow(naturalAlign: number): ValType {
    const align = this.readMemargFlags();
    const memory = this.memargMemory;
    const mem = this.module.memories[memory];
    if (mem === undefined) return this.failAtOp(`unknown memory ${memory}`);
    if (align > naturalAlign) this.failAtOp('alignment must not be larger than natural');
    return mem.is64 ? I64 : I32;
  }

  // ---- errors ----

  private unknownLocal(index: number): never {
    return this.failAtOp(`unknown local ${index}: local index out of bounds`);
  }

  private featureOff(description: string): never {
    return this.failAtOp(`${description} support is not enabled`);
  }
}

/**
 * Validates one function body: `reader` spans exactly the body after its size prefix. For a
 * whole module, construct one `FunctionBodyValidator` and reuse it instead.
 * @throws ValidationError for the first problem found, at its offset
 */
export function validateFunctionBody(ctx: ModuleValidationContext, funcIndex: number, reader: BinaryReader): void {
  new FunctionBodyValidator(ctx).validate(funcIndex, reader);
}

function typeList(types: readonly ValType[]): string {
  return types.map(valTypeToString).join(' ');
}
