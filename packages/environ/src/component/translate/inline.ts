// The inline phase (wasmtime's translate/inline.rs): replays the root component's local
// initializers and, at each instantiation of a nested component, the nested one's, so that the
// whole tree of component instances becomes one flat `GlobalInitializer` list. Instantiation
// arguments and aliases are resolved by following definitions to where they come from.
//
// Nested instantiations are frames on an explicit stack, not recursion, so hostile nesting
// cannot overflow the stack; `MAX_INLINE_STEPS` bounds the total work, which nested components
// instantiated several times each could otherwise make exponential.

import { ValidationError } from '../../error.js';
import { assertNever } from '../../util/assert-never.js';
import type { ComponentTypeList } from '../types/component-type-list.js';
import type { ComponentEntityType, ComponentTypeId } from '../types/component-types.js';
import type { CoreSort } from '../validator/sort.js';
import type { CoreDef, RuntimeComponentInstanceIndex, Trampoline } from './component-info.js';
import { fuseAdapter } from './fused-adapter.js';
import type { ComponentItemDef, ComponentInstanceDef, CoreInstanceDef, ImportPath, InlineFrame, ModuleDef } from './inline-defs.js';
import { createInlineFrame } from './inline-defs.js';
import { InlineOutput, unresolved } from './inline-output.js';
import type { LocalComponent, LocalInitializer, LocalItem, LocalTranslation } from './local-initializer.js';

/** The result of inlining: the output and the root's exports, still as definitions. */
export interface Inlined {
  readonly output: InlineOutput;
  readonly exports: ReadonlyMap<string, ComponentItemDef>;
}

/**
 * Inlines the recorded components of one binary, the root being the last one recorded.
 * @throws ValidationError for what translation does not support (imported components
 *   instantiated, component model values) and for components too large to flatten
 */
export function inlineComponent(local: LocalTranslation, types: ComponentTypeList): Inlined {
  const output = new InlineOutput();
  const root = local.components[local.components.length - 1];
  if (root === undefined) return unresolved('root component');
  const context: InlineContext = { output, types, local };
  const stack: InlineFrame[] = [newFrame(output, root, null, null, null, null)];
  for (;;) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) return unresolved('component frame');
    const init = frame.component.initializers[frame.next++];
    if (init === undefined) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent === undefined) return { output, exports: frame.exports };
      const instance: ComponentInstanceDef = { kind: 'Items', items: frame.exports };
      parent.instances.push(instance);
      if (frame.parentType !== null) bindInstanceResources(context, parent, frame.parentType, instance);
      continue;
    }
    output.step();
    const child = replay(context, frame, init);
    if (child !== null) stack.push(child);
  }
}

interface InlineContext {
  readonly output: InlineOutput;
  readonly types: ComponentTypeList;
  readonly local: LocalTranslation;
}

function at<T>(space: readonly T[], index: number, what: string): T {
  const value = space[index];
  if (value === undefined) return unresolved(what);
  return value;
}

function unsupported(what: string): never {
  throw new ValidationError(`unsupported component feature: ${what}`, 0);
}

// Replays one initializer of `frame`; returns the frame of a nested instantiation to run next.
function replay(context: InlineContext, frame: InlineFrame, init: LocalInitializer): InlineFrame | null {
  const output = context.output;
  switch (init.kind) {
    case 'Import': {
      let item: ComponentItemDef;
      if (frame.args === null) item = rootImport(context, init.name, init.type);
      else item = frame.args.get(init.name) ?? unresolved(`import \`${init.name}\``);
      bindResources(context, frame, init.type, item);
      pushItem(frame, item);
      return null;
    }
    case 'ModuleStatic':
      frame.coreModules.push({ kind: 'Static', index: init.index });
      return null;
    case 'ModuleInstantiate': {
      const module = at(frame.coreModules, init.module, 'core module');
      const args: CoreDef[] = [];
      for (const imp of moduleImports(context, module)) {
        const instance = at(frame.coreInstances, init.args.get(imp.module) ?? -1, 'instantiation argument');
        args.push(coreExport(instance, imp.field));
      }
      const instance = output.newInstance();
      output.initializers.push({
        kind: 'InstantiateModule',
        instance,
        module:
          module.kind === 'Static'
            ? { kind: 'Static', index: module.index, args }
            : { kind: 'Import', import: output.runtimeImport(module.path), type: module.type, args },
      });
      frame.coreInstances.push({ kind: 'Runtime', instance });
      return null;
    }
    case 'ModuleSynthetic': {
      const items = new Map<string, CoreDef>();
      for (const [name, { sort, index }] of init.exports) items.set(name, at(coreSpace(frame, sort), index, `core ${sort}`));
      frame.coreInstances.push({ kind: 'Items', items });
      return null;
    }
    case 'AliasCoreExport':
      coreSpace(frame, init.sort).push(coreExport(at(frame.coreInstances, init.instance, 'core instance'), init.name));
      return null;
    case 'AliasOuter': {
      let outer: InlineFrame | null = frame;
      for (let i = 0; i < init.count && outer !== null; i++) outer = outer.closure;
      if (outer === null) return unresolved('outer alias');
      if (init.sort === 'module') frame.coreModules.push(at(outer.coreModules, init.index, 'outer module'));
      else frame.components.push(at(outer.components, init.index, 'outer component'));
      return null;
    }
    case 'AliasExport': {
      const item = instanceExport(context, at(frame.instances, init.instance, 'instance'), init.name);
      if (init.resource !== null && item.kind === 'type' && item.resource !== null) frame.resources.set(init.resource, item.resource);
      pushItem(frame, item);
      return null;
    }
    case 'Lower': {
      const func = at(frame.funcs, init.func, 'function');
      const options = output.options(frame, init.options);
      switch (func.kind) {
        case 'Import': {
          const index = output.newLowering();
          output.initializers.push({ kind: 'LowerImport', index, import: output.runtimeImport(func.path), lowerType: init.type, options });
          frame.coreFuncs.push({ kind: 'Lowered', index });
          return null;
        }
        case 'Lifted': {
          // Entering an instance from itself is a trap (CanonicalABI.md: may_enter), so a lift
          // lowered back into its own instance can only trap.
          if (func.options.instance === frame.instance) {
            const index = output.newAlwaysTrap();
            output.initializers.push({ kind: 'AlwaysTrap', index, type: func.type });
            frame.coreFuncs.push({ kind: 'AlwaysTrap', index });
            return null;
          }
          frame.coreFuncs.push(fuseAdapter(output, context.types, { type: func.type, lowerType: init.type, lift: func.options, lower: options, callee: func.func }));
          return null;
        }
        default:
          return assertNever(func);
      }
    }
    case 'Lift':
      frame.funcs.push({ kind: 'Lifted', type: init.type, func: at(frame.coreFuncs, init.coreFunc, 'core function'), options: output.options(frame, init.options) });
      return null;
    case 'Resource': {
      const index = output.resources.push({ kind: 'Defined', instance: frame.instance });
      frame.resources.set(init.resource, index);
      const destructor = init.destructor === null ? null : at(frame.coreFuncs, init.destructor, 'destructor');
      output.initializers.push({ kind: 'Resource', index, rep: 'i32', destructor, instance: frame.instance });
      return null;
    }
    case 'ResourceNew':
    case 'ResourceRep':
    case 'ResourceDrop': {
      const resource = frame.resources.get(init.resource) ?? unresolved('resource');
      const trampoline = { kind: init.kind, resource, instance: frame.instance };
      const index = output.trampolines.push(trampoline);
      output.initializers.push({ kind: 'Trampoline', index, trampoline });
      frame.coreFuncs.push({ kind: 'Trampoline', index });
      return null;
    }
    case 'Builtin': {
      const trampoline: Trampoline = {
        kind: 'Builtin',
        builtin: init.builtin,
        options: init.options === null ? null : output.options(frame, init.options),
        instance: frame.instance,
        type: init.type,
        result: init.result,
        flag: init.flag,
        slot: init.slot,
        memory: init.memory === null ? null : output.memory(at(frame.coreMemories, init.memory, 'memory')),
        table: init.table === null ? null : at(frame.coreTables, init.table, 'table'),
      };
      const index = output.trampolines.push(trampoline);
      output.initializers.push({ kind: 'Trampoline', index, trampoline });
      frame.coreFuncs.push({ kind: 'Trampoline', index });
      return null;
    }
    case 'ComponentStatic':
      frame.components.push({ kind: 'Static', index: init.index, closure: frame });
      return null;
    case 'ComponentInstantiate': {
      const component = at(frame.components, init.component, 'component');
      if (component.kind === 'Import') return unsupported('instantiating an imported component');
      const args = new Map<string, ComponentItemDef>();
      for (const [name, item] of init.args) args.set(name, localItem(frame, item));
      const local = at(context.local.components, component.index, 'static component');
      return newFrame(output, local, args, component.closure, init.type, frame.instance);
    }
    case 'ComponentSynthetic': {
      const items = new Map<string, ComponentItemDef>();
      for (const [name, item] of init.exports) items.set(name, localItem(frame, item));
      frame.instances.push({ kind: 'Items', items });
      return null;
    }
    case 'Start':
      return unsupported('component start functions');
    case 'Export': {
      const item = localItem(frame, init.item);
      frame.exports.set(init.name, item);
      pushItem(frame, item);
      return null;
    }
    default:
      return assertNever(init);
  }
}

function rootImport(context: InlineContext, name: string, type: ComponentEntityType): ComponentItemDef {
  const path: ImportPath = { import: context.output.addImport(name, type), path: [], type };
  return importedItem(context, path);
}

// The item at `path` of the host's imports.
function importedItem(context: InlineContext, path: ImportPath): ComponentItemDef {
  const type = path.type;
  switch (type.kind) {
    case 'func':
      return { kind: 'func', def: { kind: 'Import', path } };
    case 'module':
      return { kind: 'module', def: { kind: 'Import', path, type: type.id } };
    case 'component':
      return { kind: 'component', def: { kind: 'Import', path } };
    case 'instance':
      return { kind: 'instance', def: { kind: 'Import', path, type: type.id } };
    case 'type': {
      const isResource = context.types.get(type.id).kind === 'resource';
      return { kind: 'type', type: type.id, resource: isResource ? context.output.importedResource(path) : null };
    }
    case 'value':
      return unsupported('component model values');
    default:
      return assertNever(type);
  }
}

// Export `name` of `instance`.
function instanceExport(context: InlineContext, instance: ComponentInstanceDef, name: string): ComponentItemDef {
  switch (instance.kind) {
    case 'Items':
      return instance.items.get(name) ?? unresolved(`instance export \`${name}\``);
    case 'Import': {
      const entry = context.types.get(instance.type);
      if (entry.kind !== 'instance') return unresolved('instance type');
      const type = entry.exports.get(name) ?? unresolved(`instance export \`${name}\``);
      return importedItem(context, { import: instance.path.import, path: [...instance.path.path, name], type });
    }
    default:
      return assertNever(instance);
  }
}

// An import binds the resources its type names to the argument's: a resource type import
// directly, an instance import through its exported resources (one level, as instance types in
// practice export resources at their top level).
function bindResources(context: InlineContext, frame: InlineFrame, type: ComponentEntityType, item: ComponentItemDef): void {
  if (type.kind === 'type' && item.kind === 'type' && item.resource !== null) {
    const entry = context.types.get(type.id);
    if (entry.kind === 'resource') frame.resources.set(entry.id, item.resource);
  } else if (type.kind === 'instance' && item.kind === 'instance') {
    bindInstanceResources(context, frame, type.id, item.def);
  }
}

// Binds the resources that `frame` sees as exports of the instance type `type` to those of `instance`.
function bindInstanceResources(context: InlineContext, frame: InlineFrame, type: ComponentTypeId, instance: ComponentInstanceDef): void {
  const entry = context.types.get(type);
  if (entry.kind !== 'instance') return;
  for (const [name, exported] of entry.exports) {
    if (exported.kind !== 'type') continue;
    const resource = context.types.get(exported.id);
    if (resource.kind !== 'resource' || frame.resources.has(resource.id)) continue;
    const item = instanceExport(context, instance, name);
    if (item.kind === 'type' && item.resource !== null) frame.resources.set(resource.id, item.resource);
  }
}

// A frame for a new component instance, whose resources and parent (the instance that
// instantiated it) the output records.
function newFrame(
  output: InlineOutput,
  component: LocalComponent,
  args: ReadonlyMap<string, ComponentItemDef> | null,
  closure: InlineFrame | null,
  parentType: ComponentTypeId | null,
  parent: RuntimeComponentInstanceIndex | null,
): InlineFrame {
  const frame = createInlineFrame(component, args, closure, output.newComponentInstance(), parentType);
  output.instanceResources.push(frame.resources);
  output.instanceParents.push(parent);
  return frame;
}

function localItem(frame: InlineFrame, item: LocalItem): ComponentItemDef {
  switch (item.sort) {
    case 'func':
      return { kind: 'func', def: at(frame.funcs, item.index, 'function') };
    case 'module':
      return { kind: 'module', def: at(frame.coreModules, item.index, 'module') };
    case 'instance':
      return { kind: 'instance', def: at(frame.instances, item.index, 'instance') };
    case 'component':
      return { kind: 'component', def: at(frame.components, item.index, 'component') };
    case 'value':
      return unsupported('component model values');
    case 'type':
      return { kind: 'type', type: item.id, resource: item.resource === null ? null : (frame.resources.get(item.resource) ?? null) };
    default:
      return assertNever(item);
  }
}

function pushItem(frame: InlineFrame, item: ComponentItemDef): void {
  switch (item.kind) {
    case 'func':
      frame.funcs.push(item.def);
      return;
    case 'module':
      frame.coreModules.push(item.def);
      return;
    case 'instance':
      frame.instances.push(item.def);
      return;
    case 'component':
      frame.components.push(item.def);
      return;
    case 'type':
      return;
    default:
      return assertNever(item);
  }
}

function coreSpace(frame: InlineFrame, sort: CoreSort): CoreDef[] {
  switch (sort) {
    case 'func':
      return frame.coreFuncs;
    case 'table':
      return frame.coreTables;
    case 'memory':
      return frame.coreMemories;
    case 'global':
      return frame.coreGlobals;
    case 'tag':
      return frame.coreTags;
    case 'type':
    case 'module':
    case 'instance':
      return unresolved(`core ${sort} item`);
    default:
      return assertNever(sort);
  }
}

function coreExport(instance: CoreInstanceDef, name: string): CoreDef {
  switch (instance.kind) {
    case 'Runtime':
      return { kind: 'Export', instance: instance.instance, name };
    case 'Items':
      return instance.items.get(name) ?? unresolved(`core export \`${name}\``);
    default:
      return assertNever(instance);
  }
}

function moduleImports(context: InlineContext, module: ModuleDef): readonly { readonly module: string; readonly field: string }[] {
  switch (module.kind) {
    case 'Static':
      return context.local.staticModules.get(module.index).imports;
    case 'Import': {
      const type = context.types.get(module.type);
      if (type.kind !== 'core-module') return unresolved('module type');
      return type.imports;
    }
    default:
      return assertNever(module);
  }
}
