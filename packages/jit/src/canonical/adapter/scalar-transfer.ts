// Booleans, integers, floats and `char` across a component boundary (wasmtime's
// `translate_bool` ... `translate_char`): booleans become 0 or 1, narrow integers are masked or
// sign-extended to their width, `char` is checked to be a Unicode scalar value, floats pass
// unchanged. Memory-to-memory copies of floats and 64-bit integers move their bits as 32-bit
// words, so a NaN payload survives and no bigint is made.

import { assertNever } from '@tswasm/environ';
import type { ValType } from '@tswasm/environ';
import type { ScalarType } from '../scalars.js';
import { CORE } from '../value-codegen.js';
import { ADAPTER_TRAPS, trapCall } from './adapter-env.js';
import type { TransferCodegen, TransferDestination, TransferSource } from './transfer-codegen.js';

interface MemoryAccess {
  readonly core: ValType;
  /** The expression loading the value at `addr` from views `dv`/`u8`. */
  readonly load: (dv: string, u8: string, addr: string) => string;
  /** The statement storing `value` at `addr`. */
  readonly store: (dv: string, u8: string, addr: string, value: string) => string;
  /** The flat value normalized to the type (`x` is the core value). */
  readonly normalize: (x: string) => string;
}

// A value read and written with the little-endian `DataView` accessors `get${name}`/`set${name}`,
// its flat value already of the type's range (`normalize` is the identity).
function viewAccess(core: ValType, name: string): MemoryAccess {
  return {
    core,
    load: (dv, _u8, a) => `${dv}.get${name}(${a}, true)`,
    store: (dv, _u8, a, v) => `${dv}.set${name}(${a}, ${v}, true);`,
    normalize: (x) => x,
  };
}

const I32_ACCESS = viewAccess(CORE.i32, 'Int32');
// 64-bit integers move as core i64 bigints: their sign is not looked at on the way.
const I64_ACCESS = viewAccess(CORE.i64, 'BigInt64');

const ACCESS: Readonly<Record<ScalarType, MemoryAccess>> = {
  bool: {
    core: CORE.i32,
    load: (_dv, u8, a) => `(${u8}[${a}] !== 0 ? 1 : 0)`,
    store: (_dv, u8, a, v) => `${u8}[${a}] = ${v};`,
    normalize: (x) => `(${x} !== 0 ? 1 : 0)`,
  },
  u8: { core: CORE.i32, load: (_dv, u8, a) => `${u8}[${a}]`, store: (_dv, u8, a, v) => `${u8}[${a}] = ${v};`, normalize: (x) => `(${x} & 255)` },
  s8: { core: CORE.i32, load: (dv, _u8, a) => `${dv}.getInt8(${a})`, store: (_dv, u8, a, v) => `${u8}[${a}] = ${v};`, normalize: (x) => `((${x} << 24) >> 24)` },
  u16: { ...viewAccess(CORE.i32, 'Uint16'), normalize: (x) => `(${x} & 65535)` },
  s16: { ...viewAccess(CORE.i32, 'Int16'), normalize: (x) => `((${x} << 16) >> 16)` },
  u32: I32_ACCESS,
  s32: I32_ACCESS,
  u64: I64_ACCESS,
  s64: I64_ACCESS,
  f32: viewAccess(CORE.f32, 'Float32'),
  f64: viewAccess(CORE.f64, 'Float64'),
  char: I32_ACCESS,
};

// Words copied bit for bit when both ends are memory (no conversion through a JS number or bigint).
function copyWords(g: TransferCodegen, src: TransferSource & { kind: 'memory' }, dst: TransferDestination & { kind: 'memory' }, words: number): void {
  const s = g.views(src.side);
  const d = g.views(dst.side);
  const sa = g.emit.bind(src.addr, 'sa');
  const da = g.emit.bind(dst.addr, 'da');
  for (let i = 0; i < words; i++) {
    const off = i === 0 ? '' : ` + ${4 * i}`;
    g.emit.line(`${d.dv}.setInt32(${da}${off}, ${s.dv}.getInt32(${sa}${off}, true), true);`);
  }
}

/** Moves a scalar of type `type` from `src` to `dst`. */
export function transferScalar(g: TransferCodegen, type: ScalarType, src: TransferSource, dst: TransferDestination): void {
  const access = ACCESS[type];
  if (src.kind === 'memory' && dst.kind === 'memory') {
    switch (type) {
      case 'f32':
        return copyWords(g, src, dst, 1);
      case 'f64':
      case 'u64':
      case 's64':
        return copyWords(g, src, dst, 2);
      default:
        break;
    }
  }
  let value: string;
  if (src.kind === 'stack') {
    value = g.emit.bind(access.normalize(g.read(src, access.core)), 'v');
  } else {
    const s = g.views(src.side);
    value = g.emit.bind(access.load(s.dv, s.u8, src.addr), 'v');
  }
  if (type === 'char') {
    // CanonicalABI.md `convert_i32_to_char`: below 0x110000 and not a surrogate.
    const c = g.emit.bind(`(${value} >>> 0)`, 'c');
    g.emit.line(`if (${c} >= 0x110000 || (${c} >= 0xd800 && ${c} < 0xe000)) ${trapCall(ADAPTER_TRAPS.invalidChar)};`);
  }
  if (dst.kind === 'stack') {
    g.write(dst, value, access.core);
  } else {
    const d = g.views(dst.side);
    g.emit.line(access.store(d.dv, d.u8, dst.addr, value));
  }
}

/** Whether `type` is a scalar this family moves. */
export function isScalar(type: string): type is ScalarType {
  switch (type) {
    case 'bool':
    case 'u8':
    case 's8':
    case 'u16':
    case 's16':
    case 'u32':
    case 's32':
    case 'u64':
    case 's64':
    case 'f32':
    case 'f64':
    case 'char':
      return true;
    default:
      return false;
  }
}

/** Whether `type`'s bytes mean the same in both memories (numbers only), so lists of it are copied in one block. */
export function isPlainNumber(type: ScalarType): boolean {
  switch (type) {
    case 'u8':
    case 's8':
    case 'u16':
    case 's16':
    case 'u32':
    case 's32':
    case 'u64':
    case 's64':
    case 'f32':
    case 'f64':
      return true;
    case 'bool':
    case 'char':
      return false;
    default:
      return assertNever(type);
  }
}
