/**
 * `npm start`: the main job on the bundled example. Until the api runs code (issue #3) the job
 * is environ's: assemble the example's text, validate it with the features this host runs,
 * translate it, and print what the translation says; then show that a damaged copy is
 * rejected with a byte offset.
 */
import { parse } from '@bytecodealliance/jco';
import { translateModule, ValidationError, valTypeToString, type ModuleTranslation } from '@tswasm/environ';
import { detectHostFeatures } from '@tswasm/jit';
import { readFileSync } from 'node:fs';
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

const text = readFileSync(examplePath, 'utf8');
const bytes = await parse(text);
const features = detectHostFeatures();
console.log(`example: ${examplePath.slice(examplePath.lastIndexOf('tools'))} (${bytes.length} bytes)`);
const started = performance.now();
const translation = translateModule(bytes, features);
const ms = (performance.now() - started).toFixed(2);
console.log(`valid; translated in ${ms} ms`);
for (const line of describe(translation)) console.log(`  ${line}`);

// A damaged copy: the first function body's `end` becomes `i32.add`.
const damaged = bytes.slice();
const firstBody = translation.functionBodies.values()[0];
if (firstBody) {
  damaged[firstBody.offset + firstBody.length - 1] = 0x6a;
  try {
    translateModule(damaged, features);
    console.log('damaged copy: unexpectedly valid');
    process.exitCode = 1;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    console.log(`damaged copy rejected: ${e.message}`);
  }
}
