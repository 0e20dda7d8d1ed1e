/** Timing helpers shared by the benchmarks: warm up, then take the median of many runs. */

/** The median of `times` (sorted in place). */
export function median(times: number[]): number {
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

/** One line of a benchmark report: our time, the peer's, and the ratio against the goal. */
export function reportRatio(name: string, ours: number, peer: number, peerName: string, goal?: number): string {
  const ratio = ours / peer;
  const verdict = goal === undefined ? '' : ratio <= goal ? `  (goal <= ${goal}x: met)` : `  (goal <= ${goal}x: NOT met)`;
  return `${name}: tswasm ${ours.toFixed(2)} ms, ${peerName} ${peer.toFixed(2)} ms, ratio ${ratio.toFixed(2)}x${verdict}`;
}

/**
 * Median wall times in milliseconds of `ours` and `peer`, measured alternately so that JIT
 * tiering, GC and frequency changes hit both sides alike.
 */
export function medianPairMs(ours: () => void, peer: () => void, runs: number, warmup = 3): { ours: number; peer: number } {
  for (let i = 0; i < warmup; i++) {
    ours();
    peer();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    ours();
    a.push(performance.now() - start);
    start = performance.now();
    peer();
    b.push(performance.now() - start);
  }
  return { ours: median(a), peer: median(b) };
}

/** `medianPairMs` for async `ours` and `peer`: each awaited, alternately, after `warmup` rounds. */
export async function medianPairAsyncMs(ours: () => Promise<unknown>, peer: () => Promise<unknown>, runs: number, warmup: number): Promise<{ ours: number; peer: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    let start = performance.now();
    await ours();
    const t = performance.now() - start;
    start = performance.now();
    await peer();
    if (i >= warmup) {
      a.push(t);
      b.push(performance.now() - start);
    }
  }
  return { ours: median(a), peer: median(b) };
}
