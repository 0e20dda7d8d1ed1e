// Shared helpers of the component translation tests: assemble component text and translate it.

import { parse } from '@bytecodealliance/jco';
import { ALL_SUPPORTED_FEATURES, translateComponent, withFeatures } from '../../../src/index.js';
import type { ComponentTranslation, GlobalInitializer, RuntimeImport } from '../../../src/index.js';

/** Every feature the translator handles, async included (wasip3 components use it). */
export const FEATURES = withFeatures(ALL_SUPPORTED_FEATURES, { componentModelAsync: true, componentModelAsyncBuiltins: true, componentModelErrorContext: true });

/** Assembles the component `wat` and translates it. */
export async function translateText(wat: string): Promise<ComponentTranslation> {
  return translateComponent(await parse(wat), FEATURES);
}

/** The `kind`s of `initializers`, in order: the shape of an instantiation at a glance. */
export function kinds(initializers: readonly GlobalInitializer[]): string[] {
  return initializers.map((init) => init.kind);
}

/** The initializers of kind `kind`, typed as that variant. */
export function ofKind<K extends GlobalInitializer['kind']>(initializers: readonly GlobalInitializer[], kind: K): Extract<GlobalInitializer, { kind: K }>[] {
  return initializers.filter((init): init is Extract<GlobalInitializer, { kind: K }> => init.kind === kind);
}

/** The root import and path of each runtime import, without their types. */
export function paths(imports: readonly RuntimeImport[]): { import: number; path: readonly string[] }[] {
  return imports.map(({ import: index, path }) => ({ import: index, path }));
}
