/**
 * A CPU-bound function that `runMaybeParallel` may run on worker threads. Workers cannot
 * receive a closure, so a task names the ES module that exports it and the export's name; the
 * calling thread runs the same function directly. Inputs and outputs cross threads by
 * structured clone: plain data, typed arrays, and SharedArrayBuffers (shared, not copied).
 */
export interface ParallelTask<I, O> {
  /** URL of the ES module exporting the task (usually that module's own `import.meta.url`). */
  readonly moduleUrl: string;
  /** The name of the export, a function of one input. */
  readonly exportName: string;
  /** The same function, for running on the calling thread. */
  readonly run: (input: I) => O;
}
