// What this slice of component instantiation cannot run yet. It is checked before anything is
// instantiated, so an unsupported component fails whole, with a message naming the feature,
// instead of running until it reaches a stub.

import { assertNever, type ComponentInfo } from '@tswasm/environ';
import { ASYNC_BUILTINS } from './async-builtins.js';
import { adapterRefusal } from './canonical-trampolines.js';
import { streamElementRefusal } from './stream-builtins.js';

function unsupported(what: string): never {
  throw new TypeError(`cannot instantiate this component: ${what} not supported yet`);
}

/**
 * Rejects a component whose instantiation needs what is not implemented yet.
 * @throws TypeError naming the first unsupported initializer kind
 */
export function checkSupported(info: ComponentInfo): void {
  for (const init of info.initializers) {
    switch (init.kind) {
      case 'InstantiateModule':
        if (init.module.kind === 'Import') unsupported('core modules imported from the host are');
        break;
      // Every core definition these name (exports, lowerings, built-ins, adapters) runs.
      case 'LowerImport':
      case 'AlwaysTrap':
      case 'ExtractMemory':
      case 'ExtractRealloc':
      case 'ExtractPostReturn':
      case 'ExtractCallback':
      case 'Transcoder':
      case 'Resource':
        break;
      case 'Adapter': {
        const refusal = adapterRefusal(info, init);
        if (refusal !== null) unsupported(refusal);
        break;
      }
      case 'Trampoline':
        // resource.new/rep/drop and the task, waitable, stream, future, error-context and
        // thread built-ins run; some stream and future element types do not yet.
        if (init.trampoline.kind === 'Builtin') {
          if (!ASYNC_BUILTINS.has(init.trampoline.builtin)) unsupported(`the \`${init.trampoline.builtin}\` built-in (a \`Trampoline\` initializer) is`);
          const refusal = streamElementRefusal(info, init.trampoline);
          if (refusal !== null) unsupported(refusal);
        }
        break;
      default:
        assertNever(init);
    }
  }
}
