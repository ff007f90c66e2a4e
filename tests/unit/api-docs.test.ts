import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from '../../shared/api/contract';
import { ALL_ERROR_CODES } from '../../shared/errors.catalog';
import { renderApiDocs } from '../../scripts/api-docs';

describe('docs/api.md', () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'api.md'), 'utf8');

  it('is exactly what the contract generates (run `npm run docs:api` after changing a schema)', () => {
    expect(committed).toBe(renderApiDocs());
  });

  it('names every function, action and error code', () => {
    for (const [fn, actions] of Object.entries(api)) for (const action of Object.keys(actions)) expect(committed).toContain(`### \`${fn}.${action}\``);
    for (const code of ALL_ERROR_CODES) expect(committed).toContain(`\`${code}\``);
  });
});
