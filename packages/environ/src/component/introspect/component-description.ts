// The public, self-contained description of what a component imports and exports: plain data
// with every type resolved out of the interned type table, so a user needs neither the table nor
// its ids. Named types carry the name their instance or component gives them. Descriptions of
// one type are shared objects, so the tree is a DAG in memory and never grows exponentially.

import type { PrimitiveValType } from '../types/component-types.js';
import type { CoreExternDescription } from '../../introspect/core-extern-description.js';
import type { ExternNameParts } from './extern-name-parts.js';

/** A value type; `name` is the name a type import or export gives it, null if anonymous. */
export type ValTypeDescription =
  | { readonly kind: 'primitive'; readonly name: string | null; readonly type: PrimitiveValType }
  | { readonly kind: 'record'; readonly name: string | null; readonly fields: readonly NamedValTypeDescription[] }
  | { readonly kind: 'variant'; readonly name: string | null; readonly cases: readonly CaseDescription[] }
  | { readonly kind: 'enum'; readonly name: string | null; readonly cases: readonly string[] }
  | { readonly kind: 'flags'; readonly name: string | null; readonly flags: readonly string[] }
  /** `length` is null for `list<T>` and the element count for `list<T, N>`. */
  | { readonly kind: 'list'; readonly name: string | null; readonly element: ValTypeDescription; readonly length: number | null }
  | { readonly kind: 'map'; readonly name: string | null; readonly key: ValTypeDescription; readonly value: ValTypeDescription }
  | { readonly kind: 'tuple'; readonly name: string | null; readonly types: readonly ValTypeDescription[] }
  | { readonly kind: 'option'; readonly name: string | null; readonly type: ValTypeDescription }
  | { readonly kind: 'result'; readonly name: string | null; readonly ok: ValTypeDescription | null; readonly err: ValTypeDescription | null }
  /** `resource` is the resource's name, null when no import or export names it. */
  | { readonly kind: 'own'; readonly name: string | null; readonly resource: string | null }
  | { readonly kind: 'borrow'; readonly name: string | null; readonly resource: string | null }
  | { readonly kind: 'stream'; readonly name: string | null; readonly element: ValTypeDescription | null }
  | { readonly kind: 'future'; readonly name: string | null; readonly element: ValTypeDescription | null };

/** A record field or function parameter. */
export interface NamedValTypeDescription {
  readonly name: string;
  readonly type: ValTypeDescription;
}

/** A variant case; `type` is null for a case without payload. */
export interface CaseDescription {
  readonly name: string;
  readonly type: ValTypeDescription | null;
}

/** A component function type. */
export interface FuncDescription {
  readonly async: boolean;
  readonly params: readonly NamedValTypeDescription[];
  readonly result: ValTypeDescription | null;
}

/** One import or export of a core module type. */
export interface CoreItemDescription {
  /** The import's module name; null for an export. */
  readonly module: string | null;
  readonly name: string;
  readonly type: CoreExternDescription;
}

/** What an import or export is. */
export type ItemDescription =
  | { readonly kind: 'func'; readonly type: FuncDescription }
  | { readonly kind: 'value'; readonly type: ValTypeDescription }
  /** A type import or export: a value type, or a resource with its name. */
  | { readonly kind: 'type'; readonly type: ValTypeDescription }
  | { readonly kind: 'resource'; readonly name: string }
  | { readonly kind: 'instance'; readonly exports: readonly ExternDescription[] }
  | { readonly kind: 'component'; readonly type: ComponentDescription }
  | { readonly kind: 'module'; readonly imports: readonly CoreItemDescription[]; readonly exports: readonly CoreItemDescription[] };

/** One import or export: its name, the name's parts, and what it is. */
export interface ExternDescription {
  readonly name: string;
  readonly parts: ExternNameParts;
  readonly item: ItemDescription;
}

/** A component's imports and exports, in order. */
export interface ComponentDescription {
  readonly imports: readonly ExternDescription[];
  readonly exports: readonly ExternDescription[];
}
