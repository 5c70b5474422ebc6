/**
 * Test setup: every EMF document the suite emits, on stdout or through a capturing writer, is
 * checked against the specification; a file that emitted an invalid one fails.
 */
import { afterAll, expect } from 'vitest';
import { auditEmfLine, emfAudit } from './emfSpecification.ts';

const originalWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
  const text =
    typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
  if (text?.startsWith('{') && text.includes('"_aws"')) {
    for (const line of text.split('\n')) if (line.trim() !== '') auditEmfLine(line);
    return true; // keep EMF lines out of the test output
  }
  return (originalWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

afterAll(() => {
  expect(emfAudit.violations, 'EMF documents that break the specification').toEqual([]);
});
