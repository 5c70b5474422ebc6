/**
 * Regenerates the committed report fixtures of test/tuner/report/fixtures/ from a simulated day
 * (test/tuner/report/support/simulatedCycleReports.ts): one cycle report, the day's history and a
 * backtest. Run it (`npm run fixtures`) when a report kind changes, and keep the old fixtures: they are what
 * proves old reports still render (test/tuner/report/reportSchemas.test.ts reads each).
 */
import { readFile, writeFile } from 'node:fs/promises';
import {
  SIMULATED_DAY,
  simulatedCycleReports,
} from '../test/tuner/report/support/simulatedCycleReports.ts';
import { runBacktest } from '../tuner/backtest/index.ts';
import { backtestJson } from '../tuner/report/backtestJson.ts';
import { buildHistory } from '../tuner/report/history/buildHistory.ts';
import { type Profile, readTrace } from '../tuner/sim/index.ts';

const DIRECTORY = 'test/tuner/report/fixtures';

const reports = await simulatedCycleReports(SIMULATED_DAY);
const withAction = reports.find((r) => (r.targets[0]?.plan.actions.length ?? 0) > 0) ?? reports[0];
await writeFile(`${DIRECTORY}/cycle.v1.json`, `${JSON.stringify(withAction, null, 2)}\n`);
const last = reports.at(-1);
const history = buildHistory(reports, { nowMs: last?.generatedAtMs ?? 0 });
await writeFile(`${DIRECTORY}/history-day.v1.json`, `${JSON.stringify(history)}\n`);

const loaded = await readTrace('examples/traces/azure2019/100_inv.csv', {
  functionId: SIMULATED_DAY.functionId,
});
const profile = JSON.parse(await readFile('examples/ocr-detector/profile.json', 'utf8')) as Profile;
const result = await runBacktest({
  trace: loaded.trace,
  functionId: loaded.function.id,
  profile,
  sloP99Ms: SIMULATED_DAY.sloP99Ms,
});
await writeFile(
  `${DIRECTORY}/backtest.v1.json`,
  `${JSON.stringify(backtestJson(result), null, 2)}\n`,
);
process.stdout.write(`wrote ${DIRECTORY}: ${reports.length} cycles simulated\n`);
