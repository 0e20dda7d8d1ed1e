// What every section reader of a component validation shares: the features, the interned types
// and the stack of scopes (outermost first) that outer aliases count through.

import { unreachable } from '../../util/assert-never.js';
import type { WasmFeatures } from '../../features/wasm-features.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentScope } from './component-scope.js';
import type { NestedModuleBodies } from './nested-module.js';
import type { ComponentTypeId } from '../types/component-types.js';
import type { LocalInitializer, LocalTranslation } from '../translate/local-initializer.js';

/** The state shared by the readers of one `validateComponent`. */
export interface ComponentValidatorContext {
  readonly features: WasmFeatures;
  readonly types: ComponentTypeList;
  /** Scopes from the outermost component inwards; the last is the one being read. */
  readonly scopes: ComponentScope[];
  /** Instance type -> the type ids named in its declarator, for its deferred visibility check. */
  readonly typeScopeNames: Map<ComponentTypeId, ReadonlySet<ComponentTypeId>>;
  /** What translation records (see local-initializer.ts); null when only validating. */
  readonly translation: LocalTranslation | null;
  /** Every core module read so far, in binary order, with its function bodies still to validate. */
  readonly nestedModules: NestedModuleBodies[];
}

/** Records `init` for the current component when translating (type scopes record nothing). */
export function recordLocal(context: ComponentValidatorContext, init: LocalInitializer): void {
  currentScope(context).local?.initializers.push(init);
}

/** The innermost scope. */
export function currentScope(context: ComponentValidatorContext): ComponentScope {
  const scope = context.scopes[context.scopes.length - 1];
  if (scope === undefined) return unreachable('no component scope');
  return scope;
}

/** Most nested component and component-type scopes; hostile nesting fails here, not on the stack. */
export const MAX_SCOPE_DEPTH = 100;

