// Checked reads of decoded metadata. Metadata passed the checksum, so bad shapes only come
// from a forged artifact or a codec bug; either way decoding must end in an ArtifactError
// that says what was expected where, never a TypeError deep inside the runtime. `where` is a
// constant path such as "functions[]" (not the exact index), so checking a large module
// builds no strings unless it fails.

import { ArtifactError } from './artifact-error.js';

/** A decoded object whose fields are yet to be checked. */
export type ShapeObject = Readonly<Record<string, unknown>>;

function describeFound(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
    default:
      return typeof value;
  }
}

/** `where.field`, built only when an error needs it. */
function joinPath(where: string, field: string | undefined): string {
  return field === undefined ? where : `${where}.${field}`;
}

/**
 * Throws the error for a value of the wrong shape.
 * @throws ArtifactError always
 */
export function shapeError(expected: string, where: string, found: unknown): never {
  throw new ArtifactError(`artifact metadata is malformed: expected ${expected} at ${where}, found ${describeFound(found)}`);
}

/** @throws ArtifactError unless `value` is a plain object (not an array, Map or byte string) */
export function asObject(value: unknown, where: string, field?: string): ShapeObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Map || value instanceof Uint8Array) {
    return shapeError('an object', joinPath(where, field), value);
  }
  return value as ShapeObject;
}

/** @throws ArtifactError unless `value` is a Uint32Array (cbor-x's typed-array tag) */
export function asU32Array(value: unknown, where: string, field?: string): Uint32Array {
  if (!(value instanceof Uint32Array)) return shapeError('a Uint32Array', joinPath(where, field), value);
  return value;
}

/** @throws ArtifactError unless `value` is an Int32Array (cbor-x's typed-array tag) */
export function asI32Array(value: unknown, where: string, field?: string): Int32Array {
  if (!(value instanceof Int32Array)) return shapeError('an Int32Array', joinPath(where, field), value);
  return value;
}

/**
 * Checks that every element of `values` is below `bound`, in one pass over the typed array.
 * @throws ArtifactError naming the first that is not
 */
export function checkIndices(values: Uint32Array, bound: number, where: string): void {
  for (let i = 0; i < values.length; i++) {
    if ((values[i] as number) >= bound) shapeError(`an index below ${bound}`, where, values[i]);
  }
}

/** @throws ArtifactError unless `value` is an array */
export function asArray(value: unknown, where: string, field?: string): readonly unknown[] {
  if (!Array.isArray(value)) return shapeError('an array', joinPath(where, field), value);
  return value;
}

/** @throws ArtifactError unless `value` is an integer in [0, 2^32) */
export function asU32(value: unknown, where: string, field?: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    return shapeError('an unsigned 32-bit integer', joinPath(where, field), value);
  }
  return value;
}

/** @throws ArtifactError unless `value` is an integer in [0, bound) */
export function asIndex(value: unknown, bound: number, where: string, field?: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= bound) {
    return shapeError(`an index below ${bound}`, joinPath(where, field), value);
  }
  return value;
}

/** @throws ArtifactError unless `value` is an integer in [-2^31, 2^31) */
export function asI32(value: unknown, where: string, field?: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    return shapeError('a signed 32-bit integer', joinPath(where, field), value);
  }
  return value;
}

/** @throws ArtifactError unless `value` is a non-negative safe integer */
export function asCount(value: unknown, where: string, field?: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return shapeError('a non-negative integer', joinPath(where, field), value);
  }
  return value;
}

/** @throws ArtifactError unless `value` is a bigint in [min, max] */
export function asBigInt(value: unknown, min: bigint, max: bigint, where: string, field?: string): bigint {
  if (typeof value !== 'bigint' || value < min || value > max) {
    return shapeError(`a bigint in ${min}..${max}`, joinPath(where, field), value);
  }
  return value;
}

/** @throws ArtifactError unless `value` is a string */
export function asString(value: unknown, where: string, field?: string): string {
  if (typeof value !== 'string') return shapeError('a string', joinPath(where, field), value);
  return value;
}

/** @throws ArtifactError unless `value` is a boolean */
export function asBoolean(value: unknown, where: string, field?: string): boolean {
  if (typeof value !== 'boolean') return shapeError('a boolean', joinPath(where, field), value);
  return value;
}

/**
 * A fresh copy of a byte string of `length` bytes (a copy, so it is a plain Uint8Array and
 * does not keep the artifact alive).
 * @throws ArtifactError unless `value` is a Uint8Array of that length
 */
export function asBytes(value: unknown, length: number, where: string, field?: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) return shapeError(`${length} bytes`, joinPath(where, field), value);
  return new Uint8Array(value);
}

/** `read(value)` unless `value` is null. */
export function nullable<T>(value: unknown, read: (value: unknown) => T): T | null {
  return value === null ? null : read(value);
}
