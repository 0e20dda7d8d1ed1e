import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared conformance suites, which sit beside the repository as `../shared/conformance`
 * (CI lays them out so); tests that read them skip, saying why, when the folder is absent.
 */
// From dist/test/support/ up to the repository root, then beside it.
export const CONFORMANCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..', '..', 'shared', 'conformance');
