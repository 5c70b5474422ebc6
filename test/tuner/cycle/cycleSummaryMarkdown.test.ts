import { describe, expect, it } from 'vitest';
import type { CycleReport, TargetReport } from '../../../tuner/cycle/cycleReport.ts';
import { renderCycleSummary } from '../../../tuner/cycle/cycleSummaryMarkdown.ts';

const current = { memoryMb: 2048, provisionedConcurrency: 2, reservedConcurrency: null };

const target: TargetReport = {
  key: ':ocr:live',
  label: 'ocr:live',
  sloP99Ms: 300,
  plan: {
    target: { functionName: 'ocr', qualifier: 'live' },
    key: ':ocr:live',
    status: 'planned',
    current,
    desired: { ...current, provisionedConcurrency: 5 },
    planned: { ...current, provisionedConcurrency: 5 },
    actions: [
      {
        kind: 'setProvisionedConcurrency',
        target: { functionName: 'ocr', qualifier: 'live' },
        from: 2,
        to: 5,
        reason: 'burst',
      },
    ],
    prediction: {
      config: { ...current, provisionedConcurrency: 5 },
      missProbability: 0.004,
      transitionMissProbability: 0.01,
      steadyMissProbability: 0.002,
      predictedP99Ms: 268.4,
      coldStartRate: 0.001,
      throttleRate: 0,
      costPerHourUsd: 0.04123,
    },
    alternatives: [],
    meetsTarget: true,
    sloP99Ms: 300,
    safetyMargin: 0.1,
    summary: 'burst',
    notes: [],
    flags: [],
  },
  results: [],
  observed: {
    windowMinutes: 5,
    requests: 900,
    p99Ms: 412.2,
    withinSloPercent: 98.7,
    coldStarts: 4,
    throttles: 0,
    errors: 0,
    requestsLastHour: 10_000,
    latencySource: 'sdk',
  },
  observation: null,
  state: null,
  apiErrors: 0,
};

function reportWith(targets: TargetReport[], notes: string[] = []): CycleReport {
  return {
    kind: 'lambda-thermostat.cycle',
    version: 1,
    generatedAt: '2026-11-27T12:05:00.000Z',
    generatedAtMs: Date.parse('2026-11-27T12:05:00.000Z'),
    mode: 'recommend',
    dryRun: true,
    status: 'completed',
    windows: {
      recent: { start: '', end: '', periodSec: 60 },
      yesterday: { start: '', end: '', periodSec: 60 },
    },
    account: { concurrencyLimit: 1000, unreservedConcurrency: 900 },
    memory: { location: 's3://r/state/memory.json', source: 'stored', saved: true, notes: [] },
    targets,
    totals: { targets: 1, actionsPlanned: 1, actionsApplied: 0, actionsFailed: 0, apiErrors: 0 },
    notes,
  };
}

describe('renderCycleSummary', () => {
  it('renders one row per target: observed vs target, config change, action, prediction, cost', () => {
    // Prepare
    const withResult: TargetReport = {
      ...target,
      results: [
        {
          action: target.plan.actions[0] as TargetReport['plan']['actions'][number],
          status: 'skipped',
          detail: 'dry run: would set provisioned concurrency of ocr:live: 2 → 5',
        },
      ],
    };

    // Act
    const markdown = renderCycleSummary(reportWith([withResult]), {
      written: ['s3://r/reports/2026-11-27T12-05-00Z.json'],
      failures: [],
    });

    // Assess
    expect(markdown).toBe(
      [
        '### lambda-thermostat cycle 2026-11-27 12:05 UTC · mode recommend (dry run: nothing changed)',
        '',
        '| Target | Observed p99 / target | Current → planned | Action | Predicted p99 | Cost/h |',
        '|---|---|---|---|---|---|',
        '| ocr:live | 412 / 300 ms ✗ | 2048 MB, PC 2, RC none → 2048 MB, PC 5, RC none | dry run: would set provisioned concurrency of ocr:live: 2 → 5 | 268 ms | 0.0412 USD |',
        '',
        'Observed p99: the worst per-minute p99 of the last 5 minutes. 1 action planned, 0 applied, 0 failed; 0 API errors.',
        '- report: s3://r/reports/2026-11-27T12-05-00Z.json',
        '',
      ].join('\n'),
    );
  });

  it('keeps the table intact: pipes escaped, line breaks flattened', () => {
    // Prepare
    const noAction: TargetReport = {
      ...target,
      plan: { ...target.plan, actions: [], summary: 'held | cooldown\nsee notes' },
    };

    // Act
    const markdown = renderCycleSummary(reportWith([noAction], ['a | b']), {
      written: [],
      failures: [],
    });

    // Assess
    expect(markdown).toContain('| held \\| cooldown see notes |');
    expect(markdown).toContain('- a \\| b');
  });
});
