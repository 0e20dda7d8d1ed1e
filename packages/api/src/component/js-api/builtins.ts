// JS-Reference.md "Builtin imports": an import whose specifier is `wasm:…` resolves to a value
// the JS API provides, when the `builtins` compile option enables it. The one builtin defined
// is `wasm:js/global/*`: the global object, and paths of properties off it.

/**
 * JS-Reference.md `resolve a builtin specifier`: the builtin `specifier` names, or null when it
 * names none or `enabled` does not enable it. An entry of `enabled` enables its name and every
 * path under it (`js/global` enables `wasm:js/global` and `wasm:js/global/console`).
 */
export function resolveBuiltin(specifier: string, enabled: readonly string[]): { readonly value: unknown } | null {
  if (!specifier.startsWith('wasm:')) return null;
  const name = specifier.slice('wasm:'.length);
  if (!enabled.some((entry) => name === entry || name.startsWith(`${entry}/`))) return null;
  if (!name.startsWith('js/global')) return null;
  // JS-Reference.md `resolve a js global builtin`.
  const remaining = name.replace(/^js\/global\/?/, '');
  let result: unknown = globalThis;
  if (remaining === '') return { value: result };
  for (const projection of remaining.split('/')) result = (result as Record<string, unknown>)[projection];
  return { value: result };
}
