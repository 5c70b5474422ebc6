import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never half of it (a temporary
 * file beside it, then a rename): `latest.json` and the memory are read while a cycle writes.
 * Creates the directory.
 *
 * @example
 * ```ts
 * await writeFileAtomically('reports/latest.json', json);
 * ```
 */
export async function writeFileAtomically(path: string, body: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, body);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
