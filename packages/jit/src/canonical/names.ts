// JS names of component labels, JS-Reference.md "Names": `CamelCase` for record fields and
// flags, `PascalCase` for variant cases. A fragment that is an acronym (all upper case) is kept
// as it is, so `inner-HTML` becomes `innerHTML` and `URL` becomes `URL` / `url`.

function fragments(label: string): string[] {
  return label.split('-');
}

function capitalize(fragment: string): string {
  if (fragment !== '' && fragment === fragment.toUpperCase()) return fragment;
  return fragment.charAt(0).toUpperCase() + fragment.slice(1);
}

/** JS-Reference.md `CamelCase(label)`. */
export function camelCase(label: string): string {
  const parts = fragments(label);
  let result = (parts[0] ?? '').toLowerCase();
  for (let i = 1; i < parts.length; i++) result += capitalize(parts[i] ?? '');
  return result;
}

/** JS-Reference.md `PascalCase(label)`. */
export function pascalCase(label: string): string {
  return fragments(label).map(capitalize).join('');
}
