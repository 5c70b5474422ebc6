/**
 * Trace reading speed on 200 MB files (generated once into the temp directory, deterministic).
 * Three row sources doing the same per-field work (every field after the ids through `Number`):
 * - chunks: the readers' own `forEachCsvRow` (tuner/sim/traces/csvRows.ts), one synchronous
 *   call per line;
 * - readline: `node:readline` with an async generator, one promise per line (how the readers
 *   read before);
 * - csv-parse: the streaming `csv-parse` parser, quoting off (the trace formats have none);
 * and the readers themselves (`listTraceFunctions`: every field validated, bounds checked).
 * Run with `npx tsx --conditions=source test/bench/traceReaders.bench.ts`. Prints figures and
 * ratios; asserts nothing. One timed run per variant: each reads 200 MB.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { listTraceFunctions } from '../../tuner/sim/index.ts';
import { forEachCsvRow } from '../../tuner/sim/traces/csvRows.ts';
import { printTable } from './benchTable.ts';

const TARGET_BYTES = 200_000_000;
const dir = join(tmpdir(), 'thermostat-bench-traces');

/** Writes rows until the file reaches the target size; returns the rows written. */
async function generate(file: string, header: string, row: (i: number) => string): Promise<void> {
  if (existsSync(file) && statSync(file).size >= TARGET_BYTES) return;
  const out = createWriteStream(file);
  let bytes = header.length;
  out.write(header);
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const text = row(i);
    bytes += text.length;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

let seed = 1;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const hash = (i: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(8);

mkdirSync(dir, { recursive: true });
const azureFile = join(dir, 'azure2019-sampled-200MB.csv');
const plainFile = join(dir, 'plain-200MB.csv');
// Sparse counts like the real trace: 60% of minutes empty, the rest up to 200.
const countRows = Array.from({ length: 50 }, () =>
  Array.from({ length: 1440 }, () => (random() < 0.6 ? 0 : Math.floor(random() * 200))).join(','),
);
const minuteNames = Array.from({ length: 1440 }, (_, m) => `minute_${m + 1}`).join(',');
await generate(
  azureFile,
  `HashFunction,HashApp,HashOwner,${minuteNames}\n`,
  (i) => `${hash(i)},${hash(i + 7)},${hash(i + 13)},${countRows[i % 50]}\n`,
);
let timestamp = 1_700_000_000_000;
await generate(plainFile, 'timestamp_ms,duration_ms\n', () => {
  timestamp += Math.floor(random() * 20);
  return `${timestamp},${(random() * 300).toFixed(1)}\n`;
});

/** The same per-row work for the row sources: every field after the first `skip` parsed. */
function work(fields: readonly string[], skip: number): number {
  let sum = 0;
  for (let i = skip; i < fields.length; i++) sum += Number(fields[i]);
  return sum;
}

async function chunkRows(file: string, skip: number): Promise<number> {
  let sum = 0;
  await forEachCsvRow(file, (line, fields) => {
    if (line > 1) sum += work(fields, skip);
    return true;
  });
  return sum;
}

async function readlineRows(file: string, skip: number): Promise<number> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }) });
  async function* rows() {
    for await (const text of lines) if (text.trim() !== '') yield text.split(',');
  }
  let sum = 0;
  let header = true;
  for await (const fields of rows()) {
    if (header) header = false;
    else sum += work(fields, skip);
  }
  return sum;
}

async function csvParseRows(file: string, skip: number): Promise<number> {
  const parser = createReadStream(file).pipe(
    parse({ quote: null, relax_column_count: true, skip_empty_lines: true, from_line: 2 }),
  );
  let sum = 0;
  for await (const fields of parser as AsyncIterable<string[]>) sum += work(fields, skip);
  return sum;
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

const rows: string[][] = [];
for (const [name, file, skip] of [
  ['Azure 2019 sampled layout', azureFile, 3],
  ['plain CSV timestamp_ms,duration_ms', plainFile, 0],
] as const) {
  const chunks = await seconds(() => chunkRows(file, skip));
  const readline = await seconds(() => readlineRows(file, skip));
  const csvParse = await seconds(() => csvParseRows(file, skip));
  const readers = await seconds(() => listTraceFunctions(file));
  rows.push([
    name,
    `${(statSync(file).size / 1e6).toFixed(0)} MB`,
    chunks.toFixed(1),
    readline.toFixed(1),
    csvParse.toFixed(1),
    `${(readline / chunks).toFixed(2)}×`,
    `${(csvParse / chunks).toFixed(2)}×`,
    readers.toFixed(1),
  ]);
}
printTable(
  `Trace reading, seconds (Node ${process.version}); ratios against the readers' chunks`,
  [
    'file',
    'size',
    'chunks s',
    'readline s',
    'csv-parse s',
    'readline / chunks',
    'csv-parse / chunks',
    'readers (validating) s',
  ],
  rows,
);
