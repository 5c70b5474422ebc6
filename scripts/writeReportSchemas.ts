/**
 * `npm run schemas`: writes docs/schema/<kind>.v<version>.json from the zod schemas of
 * tuner/report/schema/ (test/tuner/report/reportSchemas.test.ts fails while they differ).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportJsonSchemas } from '../tuner/report/schema/jsonSchemas.ts';

const DIRECTORY = 'docs/schema';

for (const [name, schema] of Object.entries(reportJsonSchemas())) {
  const path = join(DIRECTORY, name);
  await writeFile(path, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${path}\n`);
}
