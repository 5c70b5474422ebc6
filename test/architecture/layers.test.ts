import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph, layerViolations } from '../support/layerRules.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PRODUCT_ROOTS = ['sdk', 'tuner', 'infra'].filter((root) =>
  existsSync(`${REPO_ROOT}/${root}`),
);

describe('layers', () => {
  it('no product file imports from a higher layer, and nothing below the adapters imports the AWS SDK', () => {
    // Prepare
    const edges = importGraph(REPO_ROOT, PRODUCT_ROOTS);

    // Act
    const problems = layerViolations(edges);

    // Assess
    expect(edges.length).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  });

  it('the tuning cycle is orchestrated in tuner/cycle only: no adapter calls the planner itself', () => {
    // Prepare
    const edges = importGraph(REPO_ROOT, PRODUCT_ROOTS);

    // Act
    const callers = edges
      .filter((edge) => edge.to === 'tuner/core/plan/planCycle.ts')
      .map((edge) => edge.from);

    // Assess
    expect(callers.length).toBeGreaterThan(0);
    expect(callers.filter((from) => !from.startsWith('tuner/cycle/'))).toEqual([]);
    expect(existsSync(`${REPO_ROOT}/tuner/aws/tuningCycle.ts`)).toBe(false);
  });

  it('the backtest command uses the report layer, not the demo, for its progress display', () => {
    // Prepare
    const edges = importGraph(REPO_ROOT, ['tuner/commands']);

    // Act
    const intoDemo = edges.filter(
      (edge) => edge.from === 'tuner/commands/backtest.ts' && edge.to.startsWith('tuner/demo/'),
    );

    // Assess
    expect(edges.some((edge) => edge.from === 'tuner/commands/backtest.ts')).toBe(true);
    expect(intoDemo).toEqual([]);
  });

  it('the checker reports an upward import, an AWS SDK import in the cycle and a file outside the layers', () => {
    // Prepare
    const edges = [
      {
        from: 'tuner/core/plan/planCycle.ts',
        to: 'tuner/cycle/tuningCycle.ts',
        relativeImport: true,
      },
      { from: 'tuner/cycle/tuningCycle.ts', to: '@aws-sdk/client-lambda', relativeImport: false },
      { from: 'tuner/aws/lambdaApi.ts', to: '@aws-sdk/client-lambda', relativeImport: false },
      { from: 'tuner/aws/handler.ts', to: 'tuner/cycle/tuningCycle.ts', relativeImport: true },
      { from: 'tuner/misc/helper.ts', to: 'tuner/core/ports.ts', relativeImport: true },
    ];

    // Act
    const problems = layerViolations(edges);

    // Assess
    expect(problems).toEqual([
      'tuner/core/plan/planCycle.ts (layer 2) imports upward: tuner/cycle/tuningCycle.ts (layer 3)',
      'tuner/cycle/tuningCycle.ts (layer 3) imports the AWS SDK package @aws-sdk/client-lambda',
      'tuner/misc/helper.ts is in no layer',
    ]);
  });
});
