/** `npm run bench`: every benchmark, each comparing tswasm with the peer a user would pick. */
import { benchApiCalls } from './api-calls.js';
import { benchCanonicalValues } from './canonical-values.js';
import { benchComponentCalls } from './component-calls.js';
import { benchComponentLoad } from './component-load.js';
import { benchDeserializeLargeModules } from './deserialize-large-module.js';
import { benchParallelValidate } from './parallel-validate.js';
import { benchTranslateLargeComponent } from './translate-large-component.js';
import { benchValidateLargeModule } from './validate-large-module.js';

console.log(`Node ${process.version}`);
console.log('\n# environ: validate a large module');
for (const line of benchValidateLargeModule()) console.log(line);
console.log('\n# api: calls and instantiation');
for (const line of await benchApiCalls()) console.log(line);
console.log('\n# api: deserialize + instantiate a large module');
for (const line of benchDeserializeLargeModules()) console.log(line);
console.log('\n# environ: validate + translate a large component');
for (const line of await benchTranslateLargeComponent()) console.log(line);
console.log('\n# api: load + instantiate a large component, from its artifact vs compiling it vs jco');
for (const line of await benchComponentLoad()) console.log(line);
console.log('\n# jit: canonical ABI values, generated trampolines vs hand-written glue');
for (const line of await benchCanonicalValues()) console.log(line);
console.log('\n# api: component calls, median ns per call: hand-written glue (floor), tswasm, jco transpile');
for (const line of await benchComponentCalls()) console.log(line);
console.log('\n# jit: parallel validation of a large module');
for (const line of await benchParallelValidate()) console.log(line);
