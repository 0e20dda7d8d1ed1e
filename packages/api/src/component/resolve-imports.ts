// Linking a component against a `component.Linker`, as wasmtime's `Linker::instantiate_pre` does:
// first type-check every root import against the linker's definitions (wasmtime's `TypeChecker`
// in crates/wasmtime/src/runtime/component/matching.rs), then flatten the definitions into one
// leaf per runtime import, which is all instantiation looks at. The messages are wasmtime's
// context chain, outermost first, joined by `: ` as anyhow's alternate format prints it.

import { assertNever, describeComponentFuncType, unreachable, type ComponentEntityType, type ComponentInfo, type ComponentTypeId, type FuncDescription, type ResourceId, type RuntimeImportIndex } from '@tswasm/environ';
import { LinkError } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import type { ComponentDynamicHostFunc, ComponentHostFunc, LinkerDefinition } from './linker-instance.js';

type ResourceDefinition<T> = Extract<LinkerDefinition<T>, { kind: 'resource' }>;

// How wasmtime names a definition of the linker (`Definition::desc`).
function definitionDesc(kind: LinkerDefinition<unknown>['kind']): string {
  switch (kind) {
    case 'func':
    case 'func-new':
      return 'func';
    case 'instance':
      return 'instance';
    case 'resource':
      return 'resource';
    default:
      return assertNever(kind);
  }
}

/** How wasmtime names what a component imports (`TypeDef::desc`). */
export function importDesc(info: ComponentInfo, type: ComponentEntityType): string {
  switch (type.kind) {
    case 'func':
      return 'function';
    case 'instance':
      return 'instance';
    case 'component':
      return 'component';
    case 'module':
      return 'core module';
    case 'value':
      return 'value';
    case 'type':
      return info.types.get(type.id).kind === 'resource' ? 'resource' : 'type';
    default:
      return assertNever(type);
  }
}

// The type check of one linking: the host resource bound to each imported resource so far, so
// a later `(eq …)` import of the same resource needs no definition, and one given must match.
class TypeChecker<T> {
  readonly #info: ComponentInfo;
  readonly resources = new Map<ResourceId, ResourceDefinition<T>>();

  constructor(info: ComponentInfo) {
    this.#info = info;
  }

  /** Why `actual` does not implement `expected` (wasmtime's wording), or null when it does. */
  definition(expected: ComponentEntityType, actual: LinkerDefinition<T> | undefined, path: string): string | null {
    switch (expected.kind) {
      case 'module':
        return actual === undefined ? 'module implementation is missing' : `expected module found ${definitionDesc(actual.kind)}`;
      case 'component':
        return actual === undefined ? 'component implementation is missing' : `expected component found ${definitionDesc(actual.kind)}`;
      case 'func':
        // A host function's type is checked as the canonical ABI converts its values.
        if (actual === undefined) return 'function implementation is missing';
        return actual.kind === 'func' || actual.kind === 'func-new' ? null : `expected function found ${definitionDesc(actual.kind)}`;
      case 'instance':
        // A missing instance is an empty one: it is enough when nothing in it needs a definition.
        if (actual !== undefined && actual.kind !== 'instance') return `expected instance found ${definitionDesc(actual.kind)}`;
        return this.#instance(expected.id, actual?.items, path);
      case 'type':
        return this.#type(expected.id, actual);
      case 'value':
        throw new TypeError(`cannot instantiate this component: imports of kind value (\`${path}\`) are not supported yet`);
      default:
        return assertNever(expected);
    }
  }

  #instance(id: ComponentTypeId, items: ReadonlyMap<string, LinkerDefinition<T>> | undefined, path: string): string | null {
    const type = this.#info.types.get(id);
    if (type.kind !== 'instance') return unreachable(`type ${id} of an instance import is a ${type.kind}`);
    for (const [name, export_] of type.exports) {
      const reason = this.definition(export_, items?.get(name), `${path}/${name}`);
      if (reason !== null) return `instance export \`${name}\` has the wrong type: ${reason}`;
    }
    return null;
  }

  #type(id: ComponentTypeId, actual: LinkerDefinition<T> | undefined): string | null {
    const type = this.#info.types.get(id);
    // A value type imported or exported to name it has nothing to define (wasmtime skips these
    // `Interface` types).
    if (type.kind !== 'resource') return null;
    const known = this.resources.get(type.id);
    if (actual === undefined) return known === undefined ? 'resource implementation is missing' : null;
    if (actual.kind !== 'resource') return `expected resource found ${definitionDesc(actual.kind)}`;
    if (known === undefined) this.resources.set(type.id, actual);
    else if (known.type !== actual.type) return 'mismatched resource types';
    return null;
  }
}

// A `funcNew` function as instantiation calls host functions: the store, then one value per
// parameter; the result slot it fills is the return value.
function bindDynamic<T>(func: ComponentDynamicHostFunc<T>, type: FuncDescription): ComponentHostFunc<T> {
  const count = type.result === null ? 0 : 1;
  return (store: Store<T>, ...params: unknown[]): unknown => {
    const results: unknown[] = new Array<unknown>(count).fill(undefined);
    func(store, type, params, results);
    return results[0];
  };
}

/**
 * Type-checks every import of the component `info` against the definitions under `root`, and
 * returns the definition of each runtime import, with `funcNew` functions bound to their types.
 * Nothing of `root` is kept, so later changes to the linker do not reach the result.
 * @throws LinkError when an import is missing or defined wrongly, in wasmtime's words, e.g.
 *   "component imports instance `host`, but a matching implementation was not found in the
 *   linker: instance export `greet` has the wrong type: function implementation is missing"
 * @throws TypeError when the component imports a value (not supported yet)
 */
export function resolveImports<T>(info: ComponentInfo, root: ReadonlyMap<string, LinkerDefinition<T>>): Map<RuntimeImportIndex, LinkerDefinition<T>> {
  const checker = new TypeChecker<T>(info);
  for (const [, item] of info.imports.entries()) {
    const reason = checker.definition(item.type, root.get(item.name), item.name);
    if (reason !== null) {
      throw new LinkError(`component imports ${importDesc(info, item.type)} \`${item.name}\`, but a matching implementation was not found in the linker: ${reason}`);
    }
  }
  const hosts = new Map<RuntimeImportIndex, LinkerDefinition<T>>();
  for (const [index, runtimeImport] of info.importTypes.entries()) {
    const rootName = info.imports.get(runtimeImport.import).name;
    let definition = root.get(rootName);
    for (const name of runtimeImport.path) definition = definition?.kind === 'instance' ? definition.items.get(name) : undefined;
    const type = runtimeImport.type;
    // An `(eq …)` resource import may be left undefined: it is the resource checked before.
    if (definition === undefined && type.kind === 'type') {
      const entry = info.types.get(type.id);
      if (entry.kind === 'resource') definition = checker.resources.get(entry.id);
    }
    if (definition === undefined || definition.kind === 'instance') {
      // The type check saw every leaf: only a broken translation gets here.
      return unreachable(`runtime import ${index} (\`${[rootName, ...runtimeImport.path].join('/')}\`) resolved to ${definition === undefined ? 'nothing' : 'an instance'}`);
    }
    if (definition.kind === 'func-new') {
      if (type.kind !== 'func') return unreachable(`runtime import ${index} is a function in the linker but a ${type.kind} in the component`);
      definition = { kind: 'func', func: bindDynamic(definition.func, describeComponentFuncType(info.types, info.type, type.id)) };
    }
    hosts.set(index, definition);
  }
  return hosts;
}
