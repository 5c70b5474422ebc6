import { describe, expect, it } from 'vitest';
import type { BacktestResult, PolicyOutcome } from '../../tuner/backtest/index.ts';
import { periodSloFromP99 } from '../../tuner/core/slo/serviceLevelObjective.ts';
import {
  backtestJson,
  backtestLegend,
  backtestMarkdownTable,
  backtestTextTable,
} from '../../tuner/report/index.ts';

function outcome(policy: string, overrides: Partial<PolicyOutcome> = {}): PolicyOutcome {
  return {
    policy,
    requests: 1000,
    invocations: 990,
    throttles: 10,
    windowsWithTraffic: 12,
    windowsMeetingSlo: 9,
    attainment: 0.75,
    requestsScored: 1000,
    goodRequests: 985,
    goodRequestShare: 0.985,
    errorBudget: null,
    p99Ms: 250.4,
    coldStarts: 5,
    coldStartRate: 5 / 990,
    cost: {
      requests: 0.0002,
      duration: 0.01,
      init: 0.001,
      provisioned: 0.02,
      provisionedDuration: 0.003,
      total: 0.0342,
    },
    costUsd: 0.0342,
    costPerMillionUsd: 34.2,
    costVsOracle: 1.5,
    costVsRobustFloor: 1.2,
    notes: [`${policy}: a note`],
    configChanges: 3,
    elapsedMs: 12,
    ...overrides,
  };
}

const result: BacktestResult = {
  function: 'abc123',
  invocations: 1000,
  sloP99Ms: 200,
  objective: periodSloFromP99(200),
  windowMinutes: 5,
  warmUpWindows: 1,
  traceMinutes: 1440,
  seed: 1,
  memoryMb: 1769,
  policies: [outcome('on-demand', { p99Ms: Infinity }), outcome('oracle', { costVsOracle: 1 })],
};

describe('backtestJson', () => {
  it('has exactly the documented keys, in order', () => {
    // Prepare / Act
    const json = backtestJson(result);

    // Assess
    expect(Object.keys(json)).toEqual([
      'kind',
      'version',
      'function',
      'invocations',
      'sloP99Ms',
      'slo',
      'windowMinutes',
      'warmUpWindows',
      'traceMinutes',
      'policies',
    ]);
    expect(Object.keys(json.policies[0] ?? {})).toEqual([
      'policy',
      'invocations',
      'throttles',
      'windowsWithTraffic',
      'windowsMeetingSlo',
      'attainment',
      'requestsScored',
      'goodRequests',
      'goodRequestShare',
      'errorBudget',
      'p99Ms',
      'coldStarts',
      'coldStartRate',
      'costUsd',
      'costPerMillionUsd',
      'costVsOracle',
      'costVsRobustFloor',
      'cost',
    ]);
    expect(Object.keys(json.policies[0]?.cost ?? {})).toEqual([
      'requests',
      'duration',
      'init',
      'provisioned',
      'provisionedDuration',
    ]);
  });

  it('writes an infinite p99 (more than 1% throttled) as null', () => {
    // Prepare / Act
    const text = JSON.stringify(backtestJson(result));

    // Assess
    expect(JSON.parse(text).policies.map((p: { p99Ms: number | null }) => p.p99Ms)).toEqual([
      null,
      250.4,
    ]);
  });
});

describe('backtest tables', () => {
  it('aligns the plain-text table and ends with the legend and notes', () => {
    // Prepare / Act
    const lines = backtestTextTable(result).split('\n');

    // Assess
    expect(lines[0]).toMatch(/^abc123: 1,000 requests, SLO p99 ≤ 200 ms per 5-min window/);
    expect(lines[0]).toMatch(/the first window is left out of every policy's attainment/);
    const table = lines.slice(1, 5);
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
    expect(lines[3]).toMatch(
      /^on-demand\s+9\/12\s+75\.0%\s+∞\s+5\s+0\.51%\s+10\s+0\.0342\s+34\.20\s+1\.50×\s+1\.20×$/,
    );
    expect(lines[5]).toBe(backtestLegend(5));
    expect(lines.slice(6, 8)).toEqual(['- on-demand: a note', '- oracle: a note']);
  });

  it('renders Markdown with numeric columns right-aligned', () => {
    // Prepare / Act
    const markdown = backtestMarkdownTable(result);

    // Assess
    expect(markdown).toMatch(/^## abc123: /);
    expect(markdown).toContain('| policy | windows ok | attain | p99 ms |');
    expect(markdown).toContain('| --- | ---: | ---: |');
    expect(markdown).toContain(
      '| oracle | 9/12 | 75.0% | 250 | 5 | 0.51% | 10 | 0.0342 | 34.20 | 1.00× | 1.20× |',
    );
  });
});
