// Bit patterns of f32 and f64 values. JS numbers cannot hold a signaling NaN (converting one to
// a double quiets it), so exact float values cross the boundary as bits; see @tswasm/jit's
// lane adapters with `floatBits`.

/** The f32 whose bit pattern is `bits` (as near as a JS number gets). */
export function f32FromBits(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits >>> 0, true);
  return view.getFloat32(0, true);
}

/** The bit pattern (unsigned) of an f32 given as a number. */
export function f32ToBits(value: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value, true);
  return view.getUint32(0, true);
}

/** The f64 whose bit pattern is `bits`. */
export function f64FromBits(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt.asUintN(64, bits), true);
  return view.getFloat64(0, true);
}

/** The bit pattern (unsigned) of an f64 given as a number. */
export function f64ToBits(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return view.getBigUint64(0, true);
}
