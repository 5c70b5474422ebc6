/**
 * Test setup: every EMF document the suite emits — written to fd 1 by the SDK's default writer,
 * to `process.stdout`, or through a capturing writer — is checked against the specification; a
 * file that emitted an invalid one fails. EMF lines are kept out of the test output and collected
 * in `emfAudit.stdoutDocuments` for tests that inspect what the default writer wrote.
 */
import { afterAll, expect, vi } from 'vitest';
import { auditEmfLine, emfAudit } from './emfSpecification.ts';

function takeEmfLines(text: string | undefined): boolean {
  if (text === undefined || !text.startsWith('{') || !text.includes('"_aws"')) return false;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') emfAudit.stdoutDocuments.push(auditEmfLine(line));
  }
  return true;
}

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd === 1 && typeof data === 'string' && takeEmfLines(data)) return Buffer.byteLength(data);
    return (fs.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

const originalWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
  const text =
    typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
  if (takeEmfLines(text)) return true;
  return (originalWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

afterAll(() => {
  expect(emfAudit.violations, 'EMF documents that break the specification').toEqual([]);
});
