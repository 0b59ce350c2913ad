// Regenerates profiles/profile.schema.json and the field reference of docs/profiles.md from the
// zod schema (run by `npm run schema`); tests fail when either drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import { profileJsonSchema } from '../dist/src/profile/json-schema.js';
import { withFieldReference } from '../dist/src/profile/field-reference.js';

const schema = profileJsonSchema();
const schemaFile = new URL('../profiles/profile.schema.json', import.meta.url);
writeFileSync(schemaFile, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`wrote ${schemaFile.pathname}`);

const docsFile = new URL('../docs/profiles.md', import.meta.url);
writeFileSync(docsFile, withFieldReference(readFileSync(docsFile, 'utf8'), schema));
console.log(`wrote ${docsFile.pathname}`);
