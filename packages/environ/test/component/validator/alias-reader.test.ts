import { parse } from '@bytecodealliance/jco';
import { validateComponent } from '../../../src/index.js';
import { expectValidationError } from '../../expect-invalid.js';

describe('readAlias', () => {
  it('keeps types that mention resources from crossing a component boundary', async () => {
    const bytes = await parse('(component $C (type $R (resource (rep i32))) (component (alias outer $C $R (type $r))))');
    expectValidationError(() => validateComponent(bytes), 0x1e, 'type transitively refers to resources not defined in the current component');
  });
});
