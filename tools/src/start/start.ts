/**
 * `npm start`: the bundled example, end to end. Assemble its text, compile it with
 * `Module.new`, describe its imports and exports, serialize it to a file and reload it with
 * `Module.deserializeFile`, link the `env.log` import with a host function, instantiate, call
 * its exports, show a trap with its code and backtrace, and show that a damaged artifact is
 * rejected before anything runs. Then the same for a component (start-component.ts).
 */
import { parse } from '@bytecodealliance/jco';
import { ArtifactError, Engine, Linker, Memory, Module, Store, Trap } from '@tswasm/api';
import { valTypeToString, type ModuleTranslation } from '@tswasm/environ';
import { runComponentExample } from './start-component.js';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const examplePath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'example.wat');

function describe(translation: ModuleTranslation): string[] {
  const lines: string[] = [];
  const signature = (typeIndex: number): string => {
    const type = translation.types.tryGet(typeIndex)?.composite;
    if (type?.kind !== 'func') return `type ${typeIndex}`;
    return `(${type.params.map(valTypeToString).join(', ')}) -> (${type.results.map(valTypeToString).join(', ')})`;
  };
  lines.push(`module name: ${translation.names.moduleName ?? '(none)'}`);
  for (const imp of translation.imports) {
    const detail = imp.type.kind === 'func' ? ' ' + signature(imp.type.typeIndex) : '';
    lines.push(`import ${imp.module}.${imp.field}: ${imp.type.kind}${detail}`);
  }
  for (const [name, entity] of translation.exports) {
    const detail = entity.kind === 'func' ? ' ' + signature(translation.functions.get(entity.index)) : '';
    lines.push(`export ${name}: ${entity.kind} ${entity.index}${detail}`);
  }
  lines.push(`functions: ${translation.functions.length} (${translation.numImportedFuncs} imported), bodies: ${translation.functionBodies.length}`);
  lines.push(`memories: ${translation.memories.length}, tables: ${translation.tables.length}, globals: ${translation.globals.length}`);
  lines.push(`data segments: ${translation.dataSegments.length}, element segments: ${translation.elementSegments.length}`);
  lines.push(`signatures that need host trampolines: ${translation.exportedSignatures.map(signature).join(', ')}`);
  return lines;
}

function elapsed(since: number): string {
  return `${(performance.now() - since).toFixed(2)} ms`;
}

const engine = new Engine();
const text = readFileSync(examplePath, 'utf8');
const bytes = await parse(text);
console.log(`example: ${examplePath.slice(examplePath.lastIndexOf('tools'))} (${bytes.length} bytes of wasm)`);

let started = performance.now();
const compiled = Module.new(engine, bytes);
console.log(`compiled with Module.new in ${elapsed(started)}`);
for (const line of describe(compiled.translation)) console.log(`  ${line}`);

// Save the compiled module and load it back, as a program would on its next start.
const dir = mkdtempSync(join(tmpdir(), 'tswasm-example-'));
try {
  const artifactPath = join(dir, 'example.cwasm');
  const artifact = compiled.serialize();
  writeFileSync(artifactPath, artifact);
  console.log(`serialized to a temporary file: ${statSync(artifactPath).size} bytes`);
  started = performance.now();
  const module = Module.deserializeFile(engine, artifactPath);
  console.log(`reloaded with Module.deserializeFile in ${elapsed(started)} (module name: ${module.name ?? '(none)'})`);

  // env.log(ptr, len) prints a UTF-8 string from the calling instance's memory.
  const store = new Store<string[]>(engine, []);
  const linker = new Linker<string[]>(engine);
  linker.funcWrap('env', 'log', { params: ['i32', 'i32'], results: [] }, (caller, ptr: number, len: number) => {
    const memory = caller.getExport('memory');
    if (!(memory instanceof Memory)) throw new TypeError('the caller exports no memory');
    const message = new TextDecoder().decode(memory.read(caller.store, ptr, len));
    caller.data.push(message);
    console.log(`  env.log: ${message}`);
  });
  const instance = linker.instantiate(store, module);
  console.log('instantiated; running:');

  const add = instance.getTypedFunc<[number, number], number>(store, 'add', ['i32', 'i32'], ['i32']);
  console.log(`  add(2, 40) = ${add.call(store, 2, 40)}`);
  const fib = instance.getTypedFunc<[bigint], bigint>(store, 'fib', ['i64'], ['i64']);
  console.log(`  fib(30) = ${fib.call(store, 30n)}`);
  const greet = instance.getFunc(store, 'greet');
  if (greet === undefined) throw new Error('the example exports no greet');
  greet.call(store, []);
  console.log(`  greet logged ${store.data.length} message(s)`);

  const divide = instance.getTypedFunc<[number, number], number>(store, 'divide', ['i32', 'i32'], ['i32']);
  console.log(`  divide(84, 2) = ${divide.call(store, 84, 2)}`);
  try {
    divide.call(store, 1, 0);
    console.log('  divide(1, 0) unexpectedly returned');
    process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof Trap)) throw error;
    console.log(`  divide(1, 0) trapped: ${error.code}`);
    for (const line of (error.backtrace?.toString() ?? '  (no backtrace)').split('\n')) console.log(`  ${line}`);
  }
  console.log(`  and the store still works: add(1, 1) = ${add.call(store, 1, 1)}`);

  // A damaged copy of the artifact: one byte in the middle changed.
  const damaged = artifact.slice();
  const at = damaged.length >> 1;
  damaged[at] = (damaged[at] ?? 0) ^ 0xff;
  try {
    Module.deserialize(engine, damaged);
    console.log('damaged artifact: unexpectedly loaded');
    process.exitCode = 1;
  } catch (error) {
    if (!(error instanceof ArtifactError)) throw error;
    console.log(`damaged artifact rejected (byte ${at} changed): ${error.message}`);
  }
  await runComponentExample(engine);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
