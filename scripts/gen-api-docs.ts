/** `npm run docs:api`: writes docs/api.md from the shared contract and docs/subscribe-messages.md from the templates' table. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderApiDocs } from './api-docs';
import { renderSubscribeDocs } from './subscribe-docs';

writeFileSync(join(__dirname, '..', 'docs', 'api.md'), renderApiDocs());
writeFileSync(join(__dirname, '..', 'docs', 'subscribe-messages.md'), renderSubscribeDocs());
console.log('docs/api.md and docs/subscribe-messages.md written');
