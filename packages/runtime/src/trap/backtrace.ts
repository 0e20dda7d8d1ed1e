// V8 reports where wasm was in an error's `stack`, one line per frame:
//   at name (wasm://wasm/<module name>-<hash>:wasm-function[<index>]:0x<offset>)
// The hash identifies the module's bytes but cannot be recomputed by us, so frames are
// symbolized by a callback that knows which modules the store holds.

/** One wasm frame of a backtrace, innermost first (wasmtime's `FrameInfo`). */
export interface FrameInfo {
  /** The module's name from its name section, when known. */
  readonly moduleName: string | null;
  /** The function's index in its module's function space. */
  readonly funcIndex: number;
  /** The function's name from the name section, when known. */
  readonly funcName: string | null;
  /** The byte offset of the trapping or calling instruction in the module's binary. */
  readonly moduleOffset: number | null;
}

/** One wasm frame as the engine's stack prints it, before symbolization. */
export interface RawWasmFrame {
  /** The module name V8 printed (from the name section), or null. */
  readonly urlName: string | null;
  /** V8's hash of the module's bytes, eight hex digits. */
  readonly hash: string;
  readonly funcIndex: number;
  readonly moduleOffset: number;
}

/** Looks up the module and function names of a raw frame. */
export type FrameSymbolizer = (frame: RawWasmFrame) => { moduleName: string | null; funcName: string | null };

/**
 * The wasm frames of a trap, innermost first (wasmtime's `WasmBacktrace`). They come from the
 * engine's stack trace of the trap, so there are at most `Error.stackTraceLimit` frames (V8's
 * default is 10); a host that wants deeper backtraces raises that limit. tswasm does not raise it
 * around each call: on V8 14 two writes of the limit cost more than the call itself.
 */
export class WasmBacktrace {
  /** The frames, innermost first. */
  readonly frames: readonly FrameInfo[];

  constructor(frames: readonly FrameInfo[]) {
    this.frames = frames;
  }

  /** One line per frame, like wasmtime's backtrace display. */
  toString(): string {
    return this.frames
      .map((f, i) => {
        const func = f.funcName ?? `<wasm function ${f.funcIndex}>`;
        const where = f.moduleOffset === null ? '' : ` @ 0x${f.moduleOffset.toString(16)}`;
        return `  ${i}: ${f.moduleName ?? '<unknown>'}!${func}${where}`;
      })
      .join('\n');
  }
}

const WASM_FRAME = /wasm:\/\/wasm\/(?:(.*)-)?([0-9a-f]{8}):wasm-function\[(\d+)\]:0x([0-9a-f]+)/;

/** The wasm frames of an engine error's stack, innermost first. */
export function parseWasmFrames(stack: string): RawWasmFrame[] {
  const frames: RawWasmFrame[] = [];
  for (const line of stack.split('\n')) {
    const match = WASM_FRAME.exec(line);
    if (match === null) continue;
    frames.push({
      urlName: match[1] ?? null,
      hash: match[2] ?? '',
      funcIndex: Number(match[3]),
      moduleOffset: parseInt(match[4] ?? '0', 16),
    });
  }
  return frames;
}

/** The backtrace of an engine error, or null when its stack shows no wasm frame. */
export function captureBacktrace(error: Error, symbolize: FrameSymbolizer | null): WasmBacktrace | null {
  const frames = parseWasmFrames(error.stack ?? '');
  if (frames.length === 0) return null;
  return new WasmBacktrace(
    frames.map((frame) => {
      const names = symbolize?.(frame) ?? { moduleName: frame.urlName, funcName: null };
      return { moduleName: names.moduleName, funcIndex: frame.funcIndex, funcName: names.funcName, moduleOffset: frame.moduleOffset };
    }),
  );
}
