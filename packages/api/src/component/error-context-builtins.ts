// The error-context built-ins as core functions (CanonicalABI.md `canon error-context.new`,
// `error-context.debug-message`, `error-context.drop`). The debug message is host-defined;
// tswasm keeps the spec's deterministic choice, the empty string, so `new` reads no memory and
// `debug-message` stores an empty string (after asking `realloc` for its zero bytes, as
// `store_string` does).

import { unreachable, type Trampoline } from '@tswasm/environ';
import { asyncTrap, ErrorContext, type ComponentInstanceState } from '@tswasm/runtime';
import { asyncEnv } from './async-env.js';
import { storeI32Pair } from './store-i32-pair.js';

type BuiltinTrampoline = Extract<Trampoline, { kind: 'Builtin' }>;

/** The error-context built-ins this version runs. */
export const ERROR_CONTEXT_BUILTINS: ReadonlySet<string> = new Set(['error-context.new', 'error-context.debug-message', 'error-context.drop']);

/**
 * The core function of error-context built-in `trampoline`.
 */
export function errorContextBuiltin(state: ComponentInstanceState, trampoline: BuiltinTrampoline): Function {
  const table = (): ReturnType<typeof state.scheduler.table> => state.scheduler.table(trampoline.instance);
  const get = (index: number): ErrorContext => {
    const entry = table().getEntry(index);
    if (!(entry instanceof ErrorContext)) return asyncTrap(`handle index ${index} used with the wrong type, expected error-context but found ${entry.what}`);
    return entry;
  };
  switch (trampoline.builtin) {
    case 'error-context.new':
      return (): number => {
        state.checkMayLeave(trampoline.instance);
        return table().addEntry(new ErrorContext(''));
      };
    case 'error-context.debug-message': {
      const options = trampoline.options;
      if (options === null || options.memory === null) return unreachable('error-context.debug-message has a memory');
      const env = asyncEnv(state, options);
      const memoryIndex = options.memory;
      const align = options.stringEncoding === 'utf8' ? 1 : 2;
      return (i: number, ptr: number): void => {
        state.checkMayLeave(trampoline.instance);
        get(i >>> 0);
        const realloc = env.realloc;
        if (realloc === undefined) return unreachable('error-context.debug-message has a realloc');
        const text = realloc(0, 0, align, 0) >>> 0;
        const buffer = state.memories.get(memoryIndex).buffer;
        if (text % align !== 0) asyncTrap('realloc return: result not aligned');
        if (text > buffer.byteLength) asyncTrap('realloc return: beyond end of memory');
        storeI32Pair(buffer, ptr, text, 0);
      };
    }
    case 'error-context.drop':
      return (i: number): void => {
        state.checkMayLeave(trampoline.instance);
        get(i >>> 0);
        table().removeEntry(i >>> 0);
      };
    default:
      return unreachable(`\`${trampoline.builtin}\` is not an error-context built-in`);
  }
}
