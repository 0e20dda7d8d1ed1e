/**
 * A CPU-bound job that `runMaybeParallel` may spread over worker threads. Workers cannot
 * receive a closure, so a task names the ES module that exports it and the export's name. The
 * export is `prepare`: given the run's shared input (posted once per worker), it does the
 * per-thread setup and returns the function run for each item. Shared inputs, items and outputs
 * cross threads by structured clone: plain data, typed arrays, and SharedArrayBuffers (shared,
 * not copied).
 */
export interface ParallelTask<S, I, O> {
  /**
   * URL of the ES module exporting `prepare`: its own file named relative to `import.meta.url`
   * (`new URL('./x-task.js', import.meta.url)`), not `import.meta.url` itself, which in the
   * package's bundle is the main bundle's; the bundle keeps the task's file beside it.
   */
  readonly moduleUrl: string;
  /** The name of the export. */
  readonly exportName: string;
  /** The exported function itself, for running on the calling thread. */
  readonly prepare: (shared: S) => (item: I) => O;
}
