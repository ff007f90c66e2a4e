import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from '../../shared/api/contract';
import { ALL_ERROR_CODES } from '../../shared/errors.catalog';
import { renderApiDocs } from '../../scripts/api-docs';
import { renderSubscribeDocs } from '../../scripts/subscribe-docs';
import { TEMPLATE_KEYS, templateEnvName } from '../../shared/notices/templates';

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

describe('docs/subscribe-messages.md', () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'subscribe-messages.md'), 'utf8');

  it("is exactly what the templates' table generates (run `npm run docs:api` after changing it)", () => {
    expect(committed).toBe(renderSubscribeDocs());
  });

  it('names every template and the variable its id is set in', () => {
    for (const key of TEMPLATE_KEYS) expect(committed).toContain(`| \`${key}\` |`);
    for (const key of TEMPLATE_KEYS) expect(committed).toContain(`\`${templateEnvName(key)}\``);
  });
});
