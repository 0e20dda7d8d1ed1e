// JS-Reference.md's host resource values: the rep of a host resource type is a record holding
// the JS value strongly. Here a rep is an index into this table (reps are u32s in the handle
// tables); freed indices are reused, the last freed first.

/** The JS values behind the reps of host resources, in one store. */
export class HostValues {
  readonly #values: unknown[] = [];
  readonly #free: number[] = [];

  /** A new rep holding `value` (JS-Reference.md: a fresh host resource value every time). */
  add(value: unknown): number {
    const reused = this.#free.pop();
    if (reused !== undefined) {
      this.#values[reused] = value;
      return reused;
    }
    return this.#values.push(value) - 1;
  }

  /** The value of live rep `rep`. */
  get(rep: number): unknown {
    return this.#values[rep];
  }

  /** Frees rep `rep` (its handle is gone) and returns its value, no longer held. */
  take(rep: number): unknown {
    const value = this.#values[rep];
    this.#values[rep] = undefined;
    this.#free.push(rep);
    return value;
  }

  /** How many reps are live. */
  get size(): number {
    return this.#values.length - this.#free.length;
  }
}
