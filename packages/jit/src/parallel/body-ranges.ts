// How parallel validation cuts function bodies into work items. Many small ranges rather than
// one per lane: lanes claim them as they go (runMaybeParallel), so a worker that starts late
// takes fewer, and the last range any lane waits for is short.

import type { ByteRange } from '@tswasm/environ';
import type { FunctionBodyRange } from './validate-bodies-task.js';

/** Ranges per lane: enough for lanes to even out, few enough that claiming one costs nothing. */
const RANGES_PER_LANE = 16;
/** The smallest range worth claiming, in bytes of bodies. */
const MIN_RANGE_BYTES = 32_768;

/** The bytes of a range, for `lanes` lanes sharing `codeBytes` of bodies. */
export function bodyRangeBytes(codeBytes: number, lanes: number, minRangeBytes = MIN_RANGE_BYTES): number {
  return Math.max(minRangeBytes, Math.ceil(codeBytes / (lanes * RANGES_PER_LANE)));
}

/** The total length of `bodies`. */
export function bodyBytes(bodies: readonly ByteRange[]): number {
  let total = 0;
  for (const body of bodies) total += body.length;
  return total;
}

/**
 * Cuts `bodies` into contiguous ranges, in order, each of at least `rangeBytes` bytes (the last
 * may be shorter) and at least one body.
 */
export function cutBodyRanges(bodies: readonly ByteRange[], rangeBytes: number): FunctionBodyRange[] {
  const ranges: FunctionBodyRange[] = [];
  let first = 0;
  while (first < bodies.length) {
    let end = first;
    let size = 0;
    while (end < bodies.length && (end === first || size < rangeBytes)) size += bodies[end++]?.length ?? 0;
    ranges.push({ firstBody: first, endBody: end });
    first = end;
  }
  return ranges;
}
