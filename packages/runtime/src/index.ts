export type { TrapCode } from './trap/trap-code.js';
export { TRAP_DESCRIPTIONS } from './trap/trap-code.js';
export { Trap } from './trap/trap.js';
export { WasmBacktrace, captureBacktrace, parseWasmFrames } from './trap/backtrace.js';
export type { FrameInfo, FrameSymbolizer, RawWasmFrame } from './trap/backtrace.js';
export { mapEngineError, trapCodeOfEngineError } from './trap/map-engine-error.js';
export { LinkError } from './instance/link-error.js';
export { matchFuncType, matchGlobalType, matchMemoryType, matchTableType } from './instance/extern-matching.js';
