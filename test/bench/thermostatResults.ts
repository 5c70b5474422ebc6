/**
 * The README's results section: every function of the Azure 2019 sample with at least
 * 10,000 invocations a day, backtested with the committed OCR profile at a p99 target of 200 ms:
 * the thermostat (the shipped tuning cycle on a simulated account, tuner/backtest/thermostat/
 * thermostatPolicy.ts) against the oracle and target tracking.
 * Run: npm run results [-- --profile FILE] [--slo-p99-ms 200] [--jobs 2] [--json FILE]
 *   [--functions ID,ID] [--policies NAME,NAME] (default: the functions with ≥ 10,000 a day; the
 *   policies below). With `robust-floor` among the policies, a `vs robust` column is added.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BacktestResult } from '../../tuner/backtest/index.ts';
import { runBacktest } from '../../tuner/backtest/index.ts';
import { listTraceFunctions, readTrace } from '../../tuner/sim/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const TRACE = join(root, 'examples/traces/azure2019/100_inv.csv');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] as string) : fallback;
};
const profilePath = arg('--profile', join(root, 'examples/ocr-detector/profile.json'));
const slo = Number(arg('--slo-p99-ms', '200'));
const POLICIES = arg('--policies', 'on-demand,target-tracking,thermostat,oracle').split(',');

if (process.argv[2] === '--worker') {
  const functionId = process.argv[3] as string;
  const loaded = await readTrace(TRACE, { functionId });
  const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
  const result = await runBacktest({
    trace: loaded.trace,
    functionId: loaded.function.id,
    profile,
    sloP99Ms: slo,
    policies: POLICIES,
  });
  process.stdout.write(JSON.stringify(result));
} else {
  const only = arg('--functions', '')
    .split(',')
    .filter((id) => id !== '');
  const functions = (await listTraceFunctions(TRACE)).filter((f) =>
    only.length > 0 ? only.some((id) => f.id.startsWith(id)) : f.invocations >= 10_000,
  );
  const jobs = Number(arg('--jobs', '2'));
  const results: BacktestResult[] = [];
  const queue = [...functions];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const id = next.id;
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            '--conditions=source',
            fileURLToPath(import.meta.url),
            '--worker',
            id,
            '--profile',
            profilePath,
            '--slo-p99-ms',
            String(slo),
            '--policies',
            POLICIES.join(','),
          ],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let text = '';
        child.stdout.on('data', (d: Buffer) => {
          text += d.toString();
        });
        child.on('close', (code) =>
          code === 0 ? resolve(text) : reject(new Error(`backtest of ${id} exited ${code}`)),
        );
      });
      results.push(JSON.parse(out) as BacktestResult);
      process.stderr.write(`done ${id.slice(0, 10)} (${results.length}/${functions.length})\n`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  results.sort((a, b) => b.invocations - a.invocations);
  const pick = (r: BacktestResult, name: string) => r.policies.find((p) => p.policy === name);
  const pct = (x: number | null | undefined) =>
    x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`;
  const lines = [
    `| function | requests/day | thermostat attainment | thermostat cost | vs oracle | target-tracking attainment | vs target-tracking cost | on-demand attainment | oracle cost |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const t = pick(r, 'thermostat');
    const tt = pick(r, 'target-tracking');
    const od = pick(r, 'on-demand');
    const o = pick(r, 'oracle');
    lines.push(
      `| \`${r.function.slice(0, 10)}\` | ${r.invocations.toLocaleString('en-US')} | ${pct(t?.attainment)} | $${t?.costUsd.toFixed(3)} | ${t?.costVsOracle?.toFixed(2)}× | ${pct(tt?.attainment)} | ${((t?.costUsd ?? 0) / (tt?.costUsd ?? 1)).toFixed(2)}× | ${pct(od?.attainment)} | $${o?.costUsd.toFixed(3)} |`,
    );
  }
  if (POLICIES.includes('robust-floor')) {
    lines.push(
      '',
      '| function | thermostat windows | thermostat cost | robust floor windows | robust floor cost | vs robust |',
      '|---|---:|---:|---:|---:|---:|',
    );
    for (const r of results) {
      const t = pick(r, 'thermostat');
      const rf = pick(r, 'robust-floor');
      lines.push(
        `| \`${r.function.slice(0, 10)}\` | ${t?.windowsMeetingSlo}/${t?.windowsWithTraffic} | $${t?.costUsd.toFixed(3)} | ${rf?.windowsMeetingSlo}/${rf?.windowsWithTraffic} | $${rf?.costUsd.toFixed(3)} | ${t?.costVsRobustFloor?.toFixed(2)}× |`,
      );
    }
  }
  console.log(lines.join('\n'));
  const json = arg('--json', '');
  if (json !== '') writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
}
