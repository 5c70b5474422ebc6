import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temporary directory for this test file's trace files, removed after its tests. */
export function tempTraceDir(): (name: string, text: string | Uint8Array) => string {
  const dir = mkdtempSync(join(tmpdir(), 'thermostat-traces-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, text) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
}
