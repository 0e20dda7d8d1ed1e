// The stream and future built-ins as core functions (CanonicalABI.md `canon stream.new`,
// `future.new`, `stream.read`/`write`, `future.read`/`write`, their `cancel-read`/
// `cancel-write` and `drop-readable`/`drop-writable`), acting on the calling task's instance's
// handle table. A copy that cannot finish at once returns BLOCKED (async) or runs other tasks
// until it does (sync); its STREAM_*/FUTURE_* event carries the packed result. Elements of
// number types cross as bytes; others through generated `load`/`store` code of the element type.

import { unreachable, valTypeLayout, type CanonicalOptions, type ComponentInfo, type ComponentValType, type Trampoline } from '@tswasm/environ';
import { asyncValueKey, type TrampolineCache } from '@tswasm/jit';
import { asyncTrap, BLOCKED, copyEndAt, CopyEnd, CopyResult, CopyState, EventCode, GuestBuffer, SharedFuture, SharedStream, Trap, type ComponentInstanceState, type ElementCodec } from '@tswasm/runtime';
import { asyncEnv } from './async-env.js';
import { addAsyncHandles } from './async-handles.js';
import { blockingBuiltin } from './blocking-builtin.js';
import { abiOptions } from './canonical-trampolines.js';

type BuiltinTrampoline = Extract<Trampoline, { kind: 'Builtin' }>;

/** The stream and future built-ins this version runs. */
export const STREAM_BUILTINS: ReadonlySet<string> = new Set([
  'stream.new',
  'stream.read',
  'stream.write',
  'stream.cancel-read',
  'stream.cancel-write',
  'stream.drop-readable',
  'stream.drop-writable',
  'future.new',
  'future.read',
  'future.write',
  'future.cancel-read',
  'future.cancel-write',
  'future.drop-readable',
  'future.drop-writable',
]);

const NUMBER_TYPES: ReadonlySet<string> = new Set(['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64']);

/** The stream or future type of `trampoline`, its key and element. */
function streamType(info: ComponentInfo, trampoline: BuiltinTrampoline): { type: ComponentValType; key: string; element: ComponentValType | null } {
  const id = trampoline.type;
  if (id === null) return unreachable('a stream or future built-in has a type');
  const entry = info.types.get(id);
  if (entry.kind !== 'defined' || (entry.type.kind !== 'stream' && entry.type.kind !== 'future')) return unreachable('a stream or future built-in names a stream or future type');
  const type: ComponentValType = { kind: 'defined', id };
  return { type, key: asyncValueKey(info.types, type), element: entry.type.element };
}

/**
 * Why elements of `trampoline`'s type cannot be copied yet, or null: borrow handles (a borrow
 * would need a call scope to be lent for; own handles move between the tables).
 */
export function streamElementRefusal(info: ComponentInfo, trampoline: BuiltinTrampoline): string | null {
  if (!STREAM_BUILTINS.has(trampoline.builtin)) return null;
  const { element } = streamType(info, trampoline);
  if (element === null) return null;
  const key = asyncValueKey(info.types, element);
  if (/borrow</.test(key)) return `streams and futures of \`${key}\` (elements with resource handles) are`;
  return null;
}

// The generated `load` (a `stream.write`'s or `future.write`'s source) or `store` (a read's
// destination) of one element of type `element` in the memory of `options`.
function elementCodec(cache: TrampolineCache, info: ComponentInfo, state: ComponentInstanceState, options: CanonicalOptions, element: ComponentValType, reading: boolean): ElementCodec {
  const abi = abiOptions(options);
  const env = asyncEnv(state, options);
  // Own handles move: a write's load takes each out of the writer's table, a read's store puts
  // it in the reader's (CanonicalABI.md `lift_own`/`lower_own`); no call scope is involved.
  if (reading) {
    const generated = cache.storeResult(info.types, element, abi);
    addAsyncHandles(env, info, state, options.instance, generated.trampoline.resources, { scope: null });
    const store = generated.factory(env);
    return { load: () => unreachable('a read buffer is only stored into'), store: (ptr, value) => store(ptr, value) };
  }
  // A lowered import whose one parameter always comes through a pointer is a `load` at it.
  const type = { kind: 'func' as const, async: false, params: [{ name: 'element', type: element }], result: null };
  let loaded: unknown;
  env.callee = (value: unknown): void => {
    loaded = value;
  };
  const generated = cache.canonicalTrampoline('lowered-import', info.types, type, abi, 0);
  addAsyncHandles(env, info, state, options.instance, generated.trampoline.resources, { scope: null });
  const load = generated.factory(env);
  return {
    load: (ptr) => {
      load(ptr);
      return loaded;
    },
    store: () => unreachable('a write buffer is only loaded from'),
  };
}

/**
 * The core function of stream or future built-in `trampoline`.
 */
export function streamBuiltin(cache: TrampolineCache, info: ComponentInfo, state: ComponentInstanceState, trampoline: BuiltinTrampoline): Function {
  const scheduler = state.scheduler;
  const instance = trampoline.instance;
  const table = (): ReturnType<typeof scheduler.table> => scheduler.table(instance);
  const { key, element } = streamType(info, trampoline);
  const isStream = trampoline.builtin.startsWith('stream.');
  const kind = isStream ? 'stream' : 'future';
  const numberLike = element === null || (element.kind === 'primitive' && NUMBER_TYPES.has(element.type));
  const elem = element === null ? null : valTypeLayout(info.types, element, 4);

  // The end at `index`, checked to be of this built-in's kind, side and type.
  const end = (index: number, readable: boolean): CopyEnd => copyEndAt(table(), index, kind, readable, key);
  const mayBlockOrAsync = (async: boolean): void => {
    if (!async) scheduler.current(instance).checkMayBlock();
  };
  // Where the host has JSPI, a synchronous copy that blocks suspends the caller's fiber.
  const glue = scheduler.glue;
  // Waits (sync) or returns BLOCKED (async) until `e` has its event, then returns its payload.
  const finish = (e: CopyEnd, async: boolean, waitingState: number): number => {
    if (!e.hasPendingEvent()) {
      if (async) {
        e.state = waitingState;
        return BLOCKED;
      }
      if (waitingState === CopyState.ASYNC_COPYING) e.state = CopyState.SYNC_COPYING;
    }
    return scheduler.block(() => e.hasPendingEvent(), () => e.takePendingEvent().payload, glue !== null) as number;
  };
  // A synchronous copy's core function: through blocking glue where the host has JSPI.
  const blocking = (async: boolean, arity: number, fn: (...flat: number[]) => number): Function => (async ? fn : blockingBuiltin(glue, arity, fn));
  const checkSyncUse = (e: CopyEnd, async: boolean): void => {
    if (!async && e.set !== null) asyncTrap('waitable cannot be used synchronously while added to a waitable set');
  };

  switch (trampoline.builtin) {
    case 'stream.new':
    case 'future.new':
      return (): bigint => {
        state.checkMayLeave(instance);
        const shared = isStream ? new SharedStream(key, numberLike) : new SharedFuture(key, numberLike);
        const ri = table().addEntry(new CopyEnd(shared, true));
        const wi = table().addEntry(new CopyEnd(shared, false));
        return BigInt(ri) | (BigInt(wi) << 32n);
      };
    case 'stream.read':
    case 'stream.write':
    case 'future.read':
    case 'future.write': {
      const options = trampoline.options;
      if (options === null) return unreachable('a copy built-in has options');
      const readable = trampoline.builtin.endsWith('.read');
      const async = options.async;
      const memoryIndex = options.memory;
      const memory = (): ArrayBuffer => {
        if (memoryIndex === null) return new ArrayBuffer(0);
        return state.memories.get(memoryIndex).buffer as ArrayBuffer;
      };
      const codec = numberLike || element === null ? null : elementCodec(cache, info, state, options, element, readable);
      const eventCode = isStream ? (readable ? EventCode.STREAM_READ : EventCode.STREAM_WRITE) : readable ? EventCode.FUTURE_READ : EventCode.FUTURE_WRITE;
      return blocking(async, isStream ? 3 : 2, (i: number, ptr: number, n?: number): number => {
        state.checkMayLeave(instance);
        mayBlockOrAsync(async);
        const index = i >>> 0;
        const e = end(index, readable);
        if (e.state !== CopyState.IDLE) {
          if (e.state === CopyState.DONE) {
            if (isStream) asyncTrap(readable ? 'cannot read from stream after being notified that the writable end dropped' : 'cannot write to stream after being notified that the readable end dropped');
            asyncTrap(readable ? 'cannot read from future after previous read succeeded' : 'cannot write to future after previous write succeeded or readable end dropped');
          }
          asyncTrap('cannot have concurrent operations active on a future/stream');
        }
        checkSyncUse(e, async);
        const buffer = new GuestBuffer(instance, memory, elem, ptr >>> 0, isStream ? (n ?? 0) >>> 0 : 1, codec);
        e.buffer = buffer;
        if (isStream) {
          const shared = e.shared as SharedStream;
          const event = (result: number, reclaim: () => void) => () => {
            reclaim();
            e.state = result === CopyResult.DROPPED ? CopyState.DONE : CopyState.IDLE;
            return { code: eventCode, index, payload: (result | (buffer.progress << 4)) >>> 0 };
          };
          const onCopy = (reclaim: () => void): void => e.setPendingEvent(event(CopyResult.COMPLETED, reclaim));
          const onCopyDone = (result: number): void => e.setPendingEvent(event(result, () => {}));
          if (readable) shared.read(buffer, onCopy, onCopyDone);
          else shared.write(buffer, onCopy, onCopyDone);
        } else {
          const shared = e.shared as SharedFuture;
          const onCopyDone = (result: number): void =>
            e.setPendingEvent(() => {
              e.state = result === CopyResult.CANCELLED ? CopyState.IDLE : CopyState.DONE;
              return { code: eventCode, index, payload: result };
            });
          if (readable) shared.read(buffer, onCopyDone);
          else shared.write(buffer, onCopyDone);
        }
        return finish(e, async, CopyState.ASYNC_COPYING);
      });
    }
    case 'stream.cancel-read':
    case 'stream.cancel-write':
    case 'future.cancel-read':
    case 'future.cancel-write': {
      const readable = trampoline.builtin.endsWith('-read');
      const async = trampoline.flag;
      return blocking(async, 1, (i: number): number => {
        state.checkMayLeave(instance);
        mayBlockOrAsync(async);
        const e = end(i >>> 0, readable);
        if (e.state !== CopyState.ASYNC_COPYING) asyncTrap(`there is no pending ${kind} ${readable ? 'read' : 'write'} to cancel`);
        checkSyncUse(e, async);
        e.state = CopyState.CANCELLING_COPY;
        // A copy whose buffer is still the pending one is cancelled even when elements already
        // moved (its event then says CANCELLED with their count, as wasmtime reports it).
        if (!e.hasPendingEvent() || (e.buffer !== null && e.shared.isPending(e.buffer))) e.shared.cancel();
        return finish(e, async, CopyState.CANCELLING_COPY);
      });
    }
    case 'stream.drop-readable':
    case 'stream.drop-writable':
    case 'future.drop-readable':
    case 'future.drop-writable': {
      const readable = trampoline.builtin.endsWith('-readable');
      return (i: number): void => {
        state.checkMayLeave(instance);
        const e = end(i >>> 0, readable);
        e.drop();
        table().removeEntry(i >>> 0);
      };
    }
    default:
      return unreachable(`\`${trampoline.builtin}\` is not a stream or future built-in`);
  }
}
