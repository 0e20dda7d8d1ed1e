/** `npm run bench`: every benchmark, each comparing tswasm with the peer a user would pick. */
import { benchValidateLargeModule } from './validate-large-module.js';

console.log(`Node ${process.version}`);
console.log('\n# environ: validate a large module');
for (const line of benchValidateLargeModule()) console.log(line);
