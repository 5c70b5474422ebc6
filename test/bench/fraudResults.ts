/**
 * The README's fraud-scorer results: the synchronous and the SQS handler's committed profiles
 * backtested on the busiest and a sparse function of the Azure 2019 sample (the demo's two), and
 * the fp32 model against the int8 one, each tuned by the thermostat (`compareProfiles`, what
 * `thermostat whatif` runs).
 * Run: npm run results:fraud [-- --json FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareProfiles, runBacktest } from '../../tuner/backtest/index.ts';
import { DEMO_FUNCTIONS, DEMO_TRACE_FILE } from '../../tuner/demo/demoFunctions.ts';
import { whatIfVerdicts } from '../../tuner/report/index.ts';
import { type Profile, readTrace } from '../../tuner/sim/index.ts';

const profiles = fileURLToPath(new URL('../../examples/fraud-scorer/profiles/', import.meta.url));
const load = (name: string) =>
  JSON.parse(readFileSync(join(profiles, `${name}.json`), 'utf8')) as Profile;
const POLICIES = ['on-demand', 'target-tracking', 'thermostat', 'oracle'];
/** A card authorisation waits for the score: 100 ms. A queue consumer has more room: 500 ms. */
const WORKLOADS = [
  { handler: 'synchronous', fp32: 'fraud-scorer', int8: 'fraud-scorer-int8', sloP99Ms: 100 },
  {
    handler: 'SQS (100 a batch)',
    fp32: 'fraud-scorer-sqs',
    int8: 'fraud-scorer-sqs-int8',
    sloP99Ms: 500,
  },
];

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(1)}%`;
const usd = (x: number | undefined) => `$${(x ?? 0).toFixed(3)}`;
const table = [
  '| handler | function | requests/day | SLO p99 | policy | attainment | cold starts | cost/day | $/M req | vs oracle |',
  '|---|---|---:|---:|---|---:|---:|---:|---:|---:|',
];
const verdicts: string[] = [];
const json: unknown[] = [];
for (const fn of DEMO_FUNCTIONS) {
  const loaded = await readTrace(DEMO_TRACE_FILE, { functionId: fn.id });
  for (const workload of WORKLOADS) {
    process.stderr.write(`backtest ${workload.fp32} on ${fn.role} ${fn.id.slice(0, 10)}\n`);
    const result = await runBacktest({
      trace: loaded.trace,
      functionId: loaded.function.id,
      profile: load(workload.fp32),
      sloP99Ms: workload.sloP99Ms,
      policies: POLICIES,
    });
    for (const p of result.policies) {
      table.push(
        `| ${workload.handler} | \`${fn.id.slice(0, 10)}\` (${fn.role}) | ${result.invocations.toLocaleString('en-US')} | ${workload.sloP99Ms} ms | ${p.policy} | ${pct(p.attainment)} | ${p.coldStarts} | ${usd(p.costUsd)} | ${(p.costPerMillionUsd ?? 0).toFixed(2)} | ${p.costVsOracle?.toFixed(2) ?? 'n/a'}× |`,
      );
    }
    process.stderr.write(`whatif ${workload.fp32} vs ${workload.int8} on ${fn.role}\n`);
    const whatIf = await compareProfiles({
      trace: loaded.trace,
      functionId: loaded.function.id,
      sloP99Ms: workload.sloP99Ms,
      profiles: [
        { label: 'fp32', profile: load(workload.fp32) },
        { label: 'int8', profile: load(workload.int8) },
      ],
    });
    const [fp32, int8] = whatIf.variants;
    verdicts.push(
      `- ${workload.handler}, ${fn.role} \`${fn.id.slice(0, 10)}\`, p99 ≤ ${workload.sloP99Ms} ms: ` +
        `fp32 ${usd(fp32?.outcome.costUsd)}/day (${pct(fp32?.outcome.attainment)}), ` +
        `int8 ${usd(int8?.outcome.costUsd)}/day (${pct(int8?.outcome.attainment)}). ` +
        whatIfVerdicts(whatIf).join(' '),
    );
    json.push({ function: fn.id, workload, backtest: result, whatIf });
  }
}
console.log(table.join('\n'));
console.log('');
console.log(verdicts.join('\n'));
const i = process.argv.indexOf('--json');
if (i > 0) writeFileSync(process.argv[i + 1] as string, `${JSON.stringify(json, null, 2)}\n`);
