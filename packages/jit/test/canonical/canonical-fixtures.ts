// Shared pieces of the canonical-ABI tests: a type table built by hand, a core module with a
// memory and a bump allocator (cabi_realloc), and the wiring of generated trampolines to it.

import { parse } from '@bytecodealliance/jco';
import { ComponentTypeList } from '@tswasm/environ';
import type { ComponentDefinedType, ComponentFuncType, ComponentValType, PrimitiveValType, ResourceId } from '@tswasm/environ';
import type { CanonicalAbiOptions, CanonicalEnv, CanonicalTrapCode } from '../../src/canonical/abi-options.js';
import { generateLiftedExport, generateLoweredImport, instantiateCanonicalTrampoline } from '../../src/canonical/func-trampolines.js';

/** The error the tests' `trap` throws. */
export class TestTrap extends Error {
  readonly code: CanonicalTrapCode;
  constructor(code: CanonicalTrapCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** A type table with helpers to intern defined types. */
export class Types {
  readonly list = new ComponentTypeList();

  prim(type: PrimitiveValType): ComponentValType {
    return { kind: 'primitive', type };
  }

  def(type: ComponentDefinedType): ComponentValType {
    return { kind: 'defined', id: this.list.push({ kind: 'defined', type, depth: 1, containsBorrow: false }) };
  }

  record(fields: Record<string, ComponentValType>): ComponentValType {
    return this.def({ kind: 'record', fields: Object.entries(fields).map(([name, type]) => ({ name, type })) });
  }

  variant(cases: Record<string, ComponentValType | null>): ComponentValType {
    return this.def({ kind: 'variant', cases: Object.entries(cases).map(([name, type]) => ({ name, type })) });
  }

  listOf(element: ComponentValType, length: number | null = null): ComponentValType {
    return this.def({ kind: 'list', element, length });
  }

  tuple(...types: ComponentValType[]): ComponentValType {
    return this.def({ kind: 'tuple', types });
  }

  option(type: ComponentValType): ComponentValType {
    return this.def({ kind: 'option', type });
  }

  result(ok: ComponentValType | null, err: ComponentValType | null): ComponentValType {
    return this.def({ kind: 'result', ok, err });
  }

  func(params: ComponentValType[], result: ComponentValType | null): ComponentFuncType {
    return { kind: 'func', async: false, params: params.map((type, i) => ({ name: `p${i}`, type })), result };
  }
}

/** The core module every test links against: memory, a bump `cabi_realloc`, and a few functions. */
export const CORE_WAT = `(module
  (memory (export "memory") 1)
  (global $bump (export "bump") (mut i32) (i32.const 1024))
  (global $calls (export "reallocs") (mut i32) (i32.const 0))
  (func (export "cabi_realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (local.set $ptr (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.shr_u (local.get $size) (i32.const 16)) (i32.const 1))))))
    (global.set $bump (local.get $end))
    (if (local.get $old)
      (then (memory.copy (local.get $ptr) (local.get $old)
        (select (local.get $oldSize) (local.get $size) (i32.lt_u (local.get $oldSize) (local.get $size))))))
    (local.get $ptr))
  (func (export "reset") (param i32) (global.set $bump (i32.const 1024)))
  (func (export "reset0") (global.set $bump (i32.const 1024)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  ;; echo(string) -> string: the result (ptr, len) at the static return area 16
  (func (export "echo") (param i32 i32) (result i32)
    (i32.store (i32.const 16) (local.get 0))
    (i32.store (i32.const 20) (local.get 1))
    (i32.const 16))
  ;; sum(list<u32>) -> u32
  (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  ;; point(record { id: u32, x: f64, y: f64, on: bool }) -> same record, at return area 32
  (func (export "point") (param i32 f64 f64 i32) (result i32)
    (i32.store (i32.const 32) (local.get 0))
    (f64.store (i32.const 40) (local.get 1))
    (f64.store (i32.const 48) (local.get 2))
    (i32.store8 (i32.const 56) (local.get 3))
    (i32.const 32))
  ;; sum17(17 x u32) -> u32: params spilled, so one pointer to 17 u32s
  (func (export "sum17") (param $p i32) (result i32) (local $i i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eq (local.get $i) (i32.const 17)))
      (local.set $acc (i32.add (local.get $acc) (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  ;; pair() -> tuple<u32, u64> = (7, 2^40) at return area 64
  (func (export "pair") (result i32)
    (i32.store (i32.const 64) (i32.const 7))
    (i64.store (i32.const 72) (i64.const 1099511627776))
    (i32.const 64))
  ;; raw(i32, i32) -> i32: returns its first argument (a pointer the test wrote into memory)
  (func (export "first") (param i32 i32) (result i32) (local.get 0))
  (func (export "ident") (param i32) (result i32) (local.get 0))
  (func (export "identf") (param f32) (result f32) (local.get 0))
  (func (export "idl") (param i64) (result i64) (local.get 0))
)`;

/** The exports of one instance of the core module. */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;
  readonly cabi_realloc: (a: number, b: number, c: number, d: number) => number;
  readonly reallocs: WebAssembly.Global;
  readonly bump: WebAssembly.Global;
  readonly [name: string]: unknown;
}

let compiled: WebAssembly.Module | null = null;

/** A fresh instance of the core module. */
export async function coreInstance(): Promise<CoreExports> {
  compiled ??= new WebAssembly.Module(new Uint8Array(await parse(CORE_WAT)));
  return new WebAssembly.Instance(compiled, {}).exports as unknown as CoreExports;
}

/** Default options: utf8 with memory and realloc. */
export function opts(overrides: Partial<CanonicalAbiOptions> = {}): CanonicalAbiOptions {
  return { stringEncoding: 'utf8', memory: true, realloc: true, postReturn: false, ...overrides };
}

/** Resource callbacks that pass handles through a plain table, recording calls. */
export function resourceEnv(): Pick<CanonicalEnv, 'liftOwn' | 'liftBorrow' | 'lowerOwn' | 'lowerBorrow'> & { table: unknown[] } {
  const table: unknown[] = [];
  return {
    table,
    lowerOwn: (slot, value) => table.push({ slot, own: value }) - 1,
    lowerBorrow: (slot, value) => table.push({ slot, borrow: value }) - 1,
    liftOwn: (slot, handle) => ({ slot, own: (table[handle] as { own: unknown }).own }),
    liftBorrow: (slot, handle) => ({ slot, borrow: (table[handle] as { borrow: unknown }).borrow }),
  };
}

function trap(code: CanonicalTrapCode, message: string): never {
  throw new TestTrap(code, message);
}

/** Wires a lifted export of `type` to the core function `callee`. */
export function liftedExport(types: Types, type: ComponentFuncType, core: CoreExports, callee: Function, options = opts(), extra: Partial<CanonicalEnv> = {}): Function {
  const t = generateLiftedExport(types.list, type, options);
  return instantiateCanonicalTrampoline(t.source, { callee, trap, memory: core.memory, realloc: core.cabi_realloc, ...extra });
}

/** Wires a lowered import of `type` to the host function `host`; returns the core function. */
export function loweredImport(types: Types, type: ComponentFuncType, core: CoreExports, host: Function, options = opts(), extra: Partial<CanonicalEnv> = {}): Function {
  const t = generateLoweredImport(types.list, type, options);
  return instantiateCanonicalTrampoline(t.source, { callee: host, trap, memory: core.memory, realloc: core.cabi_realloc, ...extra });
}

/**
 * Host -> generated lifted export -> generated lowered import -> `host`: every value crosses
 * the core ABI twice (lowered by the export side, lifted by the import side, and back), with a
 * real wasm memory and realloc in between. Returns the JS-facing function.
 */
export function throughCore(types: Types, type: ComponentFuncType, core: CoreExports, host: Function, options = opts(), extra: Partial<CanonicalEnv> = {}): Function {
  const imported = loweredImport(types, type, core, host, options, extra);
  const exp = generateLiftedExport(types.list, type, options);
  const lowered = generateLoweredImport(types.list, type, options);
  // A result in memory: the export side expects the callee to return a pointer, the import
  // side writes through a pointer it is given, so a shim allocates the return area.
  const retInMemory = /retptr/.test(lowered.source.split('\n').find((l) => l.startsWith('return function')) ?? '');
  let callee: Function = imported;
  if (retInMemory) {
    callee = (...args: unknown[]): number => {
      const rp = core.cabi_realloc(0, 0, 8, 256);
      imported(...args, rp);
      return rp;
    };
  }
  return instantiateCanonicalTrampoline(exp.source, { callee, trap, memory: core.memory, realloc: core.cabi_realloc, ...extra });
}

/** A resource id for tests. */
export function resourceId(n: number): ResourceId {
  return n as ResourceId;
}
