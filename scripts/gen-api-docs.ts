/** `npm run docs:api`: writes docs/api.md from the shared contract. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderApiDocs } from './api-docs';

writeFileSync(join(__dirname, '..', 'docs', 'api.md'), renderApiDocs());
console.log('docs/api.md written');
