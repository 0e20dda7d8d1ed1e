// The guest of tswasm's large-component benchmark: componentize-js turns it, with the
// StarlingMonkey JS engine, into a component of about 12 MB.
export function greet(name) {
  return `hello, ${name}`;
}
