/**
 * WAT text to binary, for `Module.new(engine, text)` as in wasmtime's `Module::new`.
 *
 * The text parser we use is wasm-tools' `wat`, reached through @bytecodealliance/jco (an
 * optional dependency: only text input needs it). Its `parse` is asynchronous, but
 * `Module.new` is not, so in Node the parse runs on a helper worker thread while the caller
 * blocks on `Atomics.wait` and then takes the answer with `receiveMessageOnPort`. Browsers do
 * not allow blocking the main thread, so there text goes through the async `Module.compile`.
 */

type WorkerThreads = typeof import('node:worker_threads');

/** The module name of the parser, resolved where the api is installed. */
const PARSER_MODULE = '@bytecodealliance/jco';

/** How long a synchronous parse may take before it is given up, so nothing hangs forever. */
const PARSE_TIMEOUT_MS = 120_000;

// Runs in the worker: parses each request and answers on the request's port, then wakes the
// blocked caller through the shared flag.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ parserUrl, text, port, flag }) => {
  let reply;
  try {
    const { parse } = await import(parserUrl);
    reply = { ok: true, bytes: await parse(text) };
  } catch (error) {
    reply = { ok: false, message: String(error && error.message ? error.message : error) };
  }
  port.postMessage(reply);
  port.close();
  const signal = new Int32Array(flag);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

interface ParseReply {
  readonly ok: boolean;
  readonly bytes?: Uint8Array;
  readonly message?: string;
}

/** One parser worker per process: it holds no state but the loaded parser. */
let parserWorker: { worker: InstanceType<WorkerThreads['Worker']>; threads: WorkerThreads } | null = null;

function workerThreads(): WorkerThreads | null {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  return getBuiltin ? (getBuiltin('node:worker_threads') as WorkerThreads) : null;
}

function parserUrl(): string {
  try {
    return import.meta.resolve(PARSER_MODULE);
  } catch (error) {
    throw new Error(`WAT text needs the optional dependency ${PARSER_MODULE}: install it, or pass a binary`, { cause: error });
  }
}

/**
 * Parses WAT text synchronously (Node only).
 * @throws Error when the text is not well-formed WAT (the parser's message), when the parser is
 *   not installed, or when the host cannot block (browsers: use `Module.compile`)
 */
export function watToBinarySync(text: string): Uint8Array {
  const threads = workerThreads();
  if (threads === null) {
    throw new Error('WAT text needs the asynchronous Module.compile on this host: it cannot block on a worker');
  }
  const url = parserUrl();
  if (parserWorker === null) {
    const worker = new threads.Worker(WORKER_SOURCE, { eval: true });
    // The worker must never keep the process alive on its own.
    worker.unref();
    parserWorker = { worker, threads };
  }
  const flag = new SharedArrayBuffer(4);
  const { port1, port2 } = new threads.MessageChannel();
  parserWorker.worker.postMessage({ parserUrl: url, text, port: port2, flag }, [port2]);
  const outcome = Atomics.wait(new Int32Array(flag), 0, 0, PARSE_TIMEOUT_MS);
  const message = threads.receiveMessageOnPort(port1);
  port1.close();
  if (message === undefined) {
    throw new Error(outcome === 'timed-out' ? `WAT parse did not finish within ${PARSE_TIMEOUT_MS} ms` : 'WAT parser worker gave no answer');
  }
  const reply = message.message as ParseReply;
  if (!reply.ok || reply.bytes === undefined) throw new Error(describeParseError(reply.message ?? 'unknown error'));
  return new Uint8Array(reply.bytes);
}

/**
 * Parses WAT text (any host).
 * @throws Error when the text is not well-formed WAT or the parser is not installed
 */
export async function watToBinary(text: string): Promise<Uint8Array> {
  let parse: (text: string) => Promise<Uint8Array>;
  try {
    ({ parse } = (await import(PARSER_MODULE)) as { parse: (text: string) => Promise<Uint8Array> });
  } catch (error) {
    throw new Error(`WAT text needs the optional dependency ${PARSER_MODULE}: install it, or pass a binary`, { cause: error });
  }
  try {
    return await parse(text);
  } catch (error) {
    throw new Error(describeParseError(error instanceof Error ? error.message : String(error)), { cause: error });
  }
}

/**
 * The parser reports errors in Rust's debug notation (`Error { kind: Wast(... line: 0, col: 14
 * ... Custom("unknown operator") ...`); this keeps the position (1-based) and the message.
 */
export function describeParseError(raw: string): string {
  const position = /line: (\d+), col: (\d+)/.exec(raw);
  const custom = /Custom\("((?:[^"\\]|\\.)*)"\)/.exec(raw);
  const where = position ? ` at line ${Number(position[1]) + 1}, column ${Number(position[2]) + 1}` : '';
  return `invalid WAT text${where}: ${custom ? custom[1] : raw}`;
}
