import { ValidationError } from '../error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A cursor over a range of a wasm binary. Positions are indices into `bytes`; reported offsets
 * add `baseOffset`, so a reader over part of a larger binary reports positions in the whole
 * (wasmparser's `original_offset`). Every read checks bounds and throws `ValidationError`.
 */
export class BinaryReader {
  // The fields are `declare`d and set only by the constructor: a plain declaration compiles
  // (ES2022 class fields) to a field first set to `undefined`, so V8 would record `pos` and
  // `end` as "any value" instead of small integers and check them on every read.
  declare readonly bytes: Uint8Array;
  /** Index of the next byte to read. */
  declare pos: number;
  /** Index one past the last readable byte. */
  declare readonly end: number;
  /** Added to `pos` to give the offset in the original binary. */
  declare readonly baseOffset: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length, baseOffset = 0) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.baseOffset = baseOffset;
  }

  /** Offset of the next byte in the original binary. */
  get offset(): number {
    return this.pos + this.baseOffset;
  }

  /** Offset in the original binary of index `pos`. */
  offsetOf(pos: number): number {
    return pos + this.baseOffset;
  }

  get eof(): boolean {
    return this.pos >= this.end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws a `ValidationError` at `pos` (an index into `bytes`), or at the current position. */
  fail(reason: string, pos: number = this.pos): never {
    throw new ValidationError(reason, pos + this.baseOffset);
  }

  /** Throws the end-of-input error at the current position. */
  failEof(needed = 1): never {
    throw new ValidationError(
      needed > 1 ? `unexpected end-of-file, expected ${needed - this.remaining} more bytes` : 'unexpected end-of-file',
      this.pos + this.baseOffset,
    );
  }

  /** A reader over the next `length` bytes, which this reader then skips. */
  subReader(length: number): BinaryReader {
    if (length > this.end - this.pos) this.failEof(length);
    const sub = new BinaryReader(this.bytes, this.pos, this.pos + length, this.baseOffset);
    this.pos += length;
    return sub;
  }

  peekU8(): number {
    if (this.pos >= this.end) this.failEof();
    return this.bytes[this.pos] as number;
  }

  readU8(): number {
    if (this.pos >= this.end) this.failEof();
    return this.bytes[this.pos++] as number;
  }

  /** Reads a fixed little-endian u32 (as in the magic and version words). */
  readU32LE(): number {
    if (this.end - this.pos < 4) this.failEof(4);
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 4;
    return ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>> 0;
  }

  /** Reads `length` bytes as a view into the underlying buffer. */
  readBytes(length: number): Uint8Array {
    if (length > this.end - this.pos) this.failEof(length);
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  skip(length: number): void {
    if (length > this.end - this.pos) this.failEof(length);
    this.pos += length;
  }

  /** LEB128 unsigned 32-bit integer. */
  readVarU32(): number {
    const b = this.bytes;
    const end = this.end;
    let p = this.pos;
    if (p >= end) this.failEof();
    let byte = b[p++] as number;
    if (byte < 0x80) {
      this.pos = p;
      return byte;
    }
    let result = byte & 0x7f;
    let shift = 7;
    for (;;) {
      if (p >= end) {
        this.pos = p;
        this.failEof();
      }
      byte = b[p++] as number;
      if (shift === 28) {
        if (byte & 0x80) this.fail('invalid var_u32: integer representation too long', p - 1);
        if (byte & 0x70) this.fail('invalid var_u32: integer too large', p - 1);
      }
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
    }
    this.pos = p;
    return result >>> 0;
  }

  /** LEB128 signed 32-bit integer. */
  readVarS32(): number {
    const b = this.bytes;
    const end = this.end;
    let p = this.pos;
    let result = 0;
    let shift = 0;
    let byte: number;
    for (;;) {
      if (p >= end) {
        this.pos = p;
        this.failEof();
      }
      byte = b[p++] as number;
      if (shift === 28) {
        if (byte & 0x80) this.fail('invalid var_i32: integer representation too long', p - 1);
        // Bits 4..6 of the fifth byte must repeat the sign bit (bit 3).
        const unused = byte & 0x78;
        if (unused !== 0 && unused !== 0x78) this.fail('invalid var_i32: integer too large', p - 1);
      }
      result |= (byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) === 0) break;
    }
    this.pos = p;
    if (shift < 32 && byte & 0x40) result |= -1 << shift;
    return result | 0;
  }

  /**
   * LEB128 signed 33-bit integer, as block types use: a non-negative result is a type index,
   * a negative one an encoded value type.
   */
  readVarS33(): number {
    const b = this.bytes;
    const end = this.end;
    let p = this.pos;
    let result = 0;
    let mul = 1;
    let byte: number;
    let count = 0;
    for (;;) {
      if (p >= end) {
        this.pos = p;
        this.failEof();
      }
      byte = b[p++] as number;
      if (count === 4) {
        if (byte & 0x80) this.fail('invalid var_s33: integer representation too long', p - 1);
        const unused = byte & 0x70;
        if (unused !== 0 && unused !== 0x70) this.fail('invalid var_s33: integer too large', p - 1);
      }
      result += (byte & 0x7f) * mul;
      mul *= 128;
      count++;
      if ((byte & 0x80) === 0) break;
    }
    this.pos = p;
    if (byte & 0x40) result -= mul;
    // Keep the 33-bit meaning: the fifth byte can carry more than 33 bits of sign.
    return result;
  }

  /** Checks a LEB128 signed 64-bit integer without building its value. */
  skipVarS64(): void {
    const b = this.bytes;
    const end = this.end;
    let p = this.pos;
    for (let count = 0; ; count++) {
      if (p >= end) {
        this.pos = p;
        this.failEof();
      }
      const byte = b[p++] as number;
      if (count === 9) {
        if (byte & 0x80) this.fail('invalid var_i64: integer representation too long', p - 1);
        const unused = byte & 0x7f;
        if (unused !== 0 && unused !== 0x7f) this.fail('invalid var_i64: integer too large', p - 1);
        break;
      }
      if ((byte & 0x80) === 0) break;
    }
    this.pos = p;
  }

  /** LEB128 signed 64-bit integer. */
  readVarS64(): bigint {
    const start = this.pos;
    this.skipVarS64();
    const b = this.bytes;
    let result = 0n;
    let shift = 0n;
    let byte = 0;
    for (let p = start; p < this.pos; p++) {
      byte = b[p] as number;
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
    }
    if (shift < 64n && byte & 0x40) result |= -1n << shift;
    return BigInt.asIntN(64, result);
  }

  /** LEB128 unsigned 64-bit integer. */
  readVarU64(): bigint {
    const b = this.bytes;
    const end = this.end;
    let p = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let count = 0; ; count++) {
      if (p >= end) {
        this.pos = p;
        this.failEof();
      }
      const byte = b[p++] as number;
      if (count === 9) {
        if (byte & 0x80) this.fail('invalid var_u64: integer representation too long', p - 1);
        if (byte & 0x7e) this.fail('invalid var_u64: integer too large', p - 1);
      }
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) break;
    }
    this.pos = p;
    return result;
  }

  /** The raw bits of a little-endian f32. */
  readF32Bits(): number {
    return this.readU32LE();
  }

  /** The raw bits of a little-endian f64. */
  readF64Bits(): bigint {
    const lo = this.readU32LE();
    const hi = this.readU32LE();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A count that is checked against `limit` before anything is allocated for it. */
  readSize(limit: number, what: string): number {
    const at = this.pos;
    const n = this.readVarU32();
    if (n > limit) this.fail(`${what} count ${n} exceeds the limit of ${limit}`, at);
    return n;
  }

  /** A length-prefixed UTF-8 name, validated. */
  readName(): string {
    const len = this.readVarU32();
    const at = this.pos;
    const bytes = this.readBytes(len);
    // Names are overwhelmingly ASCII; decode those without TextDecoder.
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if ((bytes[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return bytes.length < 64 ? String.fromCharCode(...bytes) : utf8.decode(bytes);
    try {
      return utf8.decode(bytes);
    } catch {
      return this.fail('malformed UTF-8 encoding', at);
    }
  }
}
