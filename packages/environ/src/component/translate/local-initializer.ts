// The per-component phase of translation, after wasmtime's `LocalInitializer`s
// (crates/environ/src/component/translate.rs): while the validator walks a component it records,
// in section order, one initializer for each item the component defines. Each initializer that
// defines an item appends it to the index space of its sort, so an index in a later initializer
// is the position of an earlier definition in that space. The inline phase replays these lists;
// nothing later reads the sections again.

import type { ModuleTranslation } from '../../translate/module-translation.js';
import type { PrimaryMap } from '../../util/primary-map.js';
import type { CoreSort } from '../validator/sort.js';
import type { ComponentEntityType, ComponentTypeId, ComponentValType, ResourceId } from '../types/component-types.js';
import type { StaticComponentIndex, StaticModuleIndex } from './component-info.js';
import type { StringEncoding } from './component-info.js';

/** A component-level sort. */
export type LocalSort = 'func' | 'module' | 'instance' | 'component' | 'value' | 'type';

/** A `sortidx` as recorded: the sort and the index in that sort's space of the same component. */
export type LocalItem =
  | { readonly sort: 'func' | 'module' | 'instance' | 'component' | 'value'; readonly index: number }
  /** Types are not replayed; a type matters to instantiation only as a resource. */
  | { readonly sort: 'type'; readonly id: ComponentTypeId; readonly resource: ResourceId | null };

/** Canonical options as written, their functions and memory by local index. */
export interface LocalCanonicalOptions {
  readonly stringEncoding: StringEncoding;
  readonly memory: number | null;
  readonly realloc: number | null;
  readonly postReturn: number | null;
  readonly async: boolean;
  readonly callback: number | null;
}

/** The canonical built-ins that are neither `lift`, `lower` nor resource functions. */
export type CanonBuiltin =
  | 'backpressure.set'
  | 'backpressure.inc'
  | 'backpressure.dec'
  | 'task.return'
  | 'task.cancel'
  | 'context.get'
  | 'context.set'
  | 'thread.yield'
  | 'subtask.cancel'
  | 'subtask.drop'
  | 'stream.new'
  | 'stream.read'
  | 'stream.write'
  | 'stream.cancel-read'
  | 'stream.cancel-write'
  | 'stream.drop-readable'
  | 'stream.drop-writable'
  | 'future.new'
  | 'future.read'
  | 'future.write'
  | 'future.cancel-read'
  | 'future.cancel-write'
  | 'future.drop-readable'
  | 'future.drop-writable'
  | 'error-context.new'
  | 'error-context.debug-message'
  | 'error-context.drop'
  | 'waitable-set.new'
  | 'waitable-set.wait'
  | 'waitable-set.poll'
  | 'waitable-set.drop'
  | 'waitable.join'
  | 'thread.index'
  | 'thread.new-indirect'
  | 'thread.resume-later'
  | 'thread.suspend'
  | 'thread.suspend-then-resume'
  | 'thread.yield-then-resume'
  | 'thread.suspend-then-promote'
  | 'thread.yield-then-promote';

/** One definition of a component, in section order. The comment names the space it extends. */
export type LocalInitializer =
  /** Any space (by the entity's kind): an import of the component. */
  | { readonly kind: 'Import'; readonly name: string; readonly type: ComponentEntityType }
  /** Core modules: a module defined in this component's binary. */
  | { readonly kind: 'ModuleStatic'; readonly index: StaticModuleIndex }
  /** Core instances: instantiating core module `module` with named core instances. */
  | { readonly kind: 'ModuleInstantiate'; readonly module: number; readonly args: ReadonlyMap<string, number> }
  /** Core instances: a bundle of core items. */
  | { readonly kind: 'ModuleSynthetic'; readonly exports: ReadonlyMap<string, { readonly sort: CoreSort; readonly index: number }> }
  /** The space of `sort`: an export of core instance `instance`. */
  | { readonly kind: 'AliasCoreExport'; readonly instance: number; readonly name: string; readonly sort: CoreSort }
  /** Core modules or components: an item of the component `count` levels out. */
  | { readonly kind: 'AliasOuter'; readonly sort: 'module' | 'component'; readonly count: number; readonly index: number }
  /** The space of `sort`: export `name` of component instance `instance` (`resource` if one). */
  | { readonly kind: 'AliasExport'; readonly instance: number; readonly name: string; readonly sort: LocalSort; readonly resource: ResourceId | null }
  /** Core functions: `canon lower` of component function `func`. */
  | { readonly kind: 'Lower'; readonly func: number; readonly type: ComponentTypeId; readonly options: LocalCanonicalOptions }
  /** Component functions: `canon lift` of core function `coreFunc` to type `type`. */
  | { readonly kind: 'Lift'; readonly type: ComponentTypeId; readonly coreFunc: number; readonly options: LocalCanonicalOptions }
  /** Types: a resource defined here, with its optional destructor (a core function). */
  | { readonly kind: 'Resource'; readonly resource: ResourceId; readonly destructor: number | null }
  /** Core functions: `resource.new`, `resource.rep` or `resource.drop` of `resource`. */
  | { readonly kind: 'ResourceNew' | 'ResourceRep' | 'ResourceDrop'; readonly resource: ResourceId }
  /**
   * Core functions: another canonical built-in, with its immediates: the stream or future
   * `type`, `task.return`'s `result`, the `cancellable`/`async` `flag`, the context `slot`, and
   * the `memory` of `waitable-set.wait`/`poll`, and the function `table` of `thread.new-indirect`.
   */
  | {
      readonly kind: 'Builtin';
      readonly builtin: CanonBuiltin;
      readonly options: LocalCanonicalOptions | null;
      readonly type: ComponentTypeId | null;
      readonly result: ComponentValType | null;
      readonly flag: boolean;
      readonly slot: number;
      readonly memory: number | null;
      readonly table: number | null;
    }
  /** Components: a component nested in this one's binary. */
  | { readonly kind: 'ComponentStatic'; readonly index: StaticComponentIndex }
  /**
   * Component instances: instantiating component `component` with named items; `type` is the
   * instance's type as this component sees it (its exported resources renamed to fresh ids).
   */
  | { readonly kind: 'ComponentInstantiate'; readonly component: number; readonly args: ReadonlyMap<string, LocalItem>; readonly type: ComponentTypeId }
  /** Component instances: a bundle of items. */
  | { readonly kind: 'ComponentSynthetic'; readonly exports: ReadonlyMap<string, LocalItem> }
  /** Nothing: a start function (of component model values, which translation does not support). */
  | { readonly kind: 'Start'; readonly func: number }
  /** The space of `item`'s sort (exports make a new index): export `name` of this component. */
  | { readonly kind: 'Export'; readonly name: string; readonly item: LocalItem };

/** What the validator records for one component: its initializers, in order. */
export interface LocalComponent {
  readonly initializers: LocalInitializer[];
}

/** What the validator records for the whole binary when given a `LocalTranslation` to fill. */
export interface LocalTranslation {
  /** Every component of the binary; the root is the last one finished. */
  readonly components: LocalComponent[];
  /** Every core module of the binary, in binary order: the translation's static modules. */
  readonly staticModules: PrimaryMap<StaticModuleIndex, ModuleTranslation>;
}
