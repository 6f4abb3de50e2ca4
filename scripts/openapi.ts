/**
 * `npm run openapi`: writes the public API document to packages/contracts/src/public-api/openapi.json
 * and the TypeScript types generated from it to openapi.ts next to it (see public-api.ts). No
 * database is needed. `npm test` fails while the committed files differ from what this writes.
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { buildPublicDocument, OPENAPI_JSON, OPENAPI_TS, renderPublicApi } from './public-api.js';

const { json, types } = await renderPublicApi(await buildPublicDocument());
await writeFile(OPENAPI_JSON, json);
await writeFile(OPENAPI_TS, types);
for (const file of [OPENAPI_JSON, OPENAPI_TS]) console.log(`wrote ${relative(process.cwd(), file)}`);
