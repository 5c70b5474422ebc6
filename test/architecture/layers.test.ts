import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph, layerViolations, PACKAGE_FOLDERS } from '../support/layerRules.ts';

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

  it('the packages import each other by name, through their exports: the tuner the SDK, infra the tuner', () => {
    // Prepare
    const workspaces = (
      JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { workspaces: string[] }
    ).workspaces;

    // Act
    const packageEdges = importGraph(REPO_ROOT, PRODUCT_ROOTS).filter((edge) => edge.packageImport);

    // Assess
    expect(workspaces).toEqual(PACKAGE_FOLDERS);
    expect(
      packageEdges.some((edge) => edge.from.startsWith('tuner/') && edge.to.startsWith('sdk/')),
    ).toBe(true);
    expect(
      packageEdges.some((edge) => edge.from.startsWith('infra/') && edge.to.startsWith('tuner/')),
    ).toBe(true);
    expect(packageEdges.filter((edge) => !existsSync(`${REPO_ROOT}/${edge.to}`))).toEqual([]);
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

  it('a window meeting the SLO is defined once: every site uses tuner/core/slo/windowSlo.ts, no other file ranks percentiles', () => {
    // Prepare
    const edges = importGraph(REPO_ROOT, PRODUCT_ROOTS);
    const sites = [
      'tuner/core/predict/horizonSimulator.ts',
      'tuner/core/plan/observedWindow.ts',
      'tuner/backtest/scoring/scoreSimulation.ts',
      'tuner/backtest/oracle/windowEvaluator.ts',
      'tuner/report/history/windowScores.ts',
    ];

    // Act
    const usersOfTheRule = new Set(
      edges.filter((edge) => edge.to === 'tuner/core/slo/windowSlo.ts').map((edge) => edge.from),
    );
    // The rank arithmetic a second copy of the rule would need lives in the simulator and the rule.
    const rankers = [...new Set(edges.map((edge) => edge.from))].filter(
      (file) =>
        !file.startsWith('tuner/sim/') &&
        file !== 'tuner/core/slo/windowSlo.ts' &&
        /\b(nearestRankIndex|selectInPlace)\b/.test(readFileSync(`${REPO_ROOT}/${file}`, 'utf8')),
    );

    // Assess
    expect(sites.filter((site) => !usersOfTheRule.has(site))).toEqual([]);
    expect(rankers).toEqual([]);
  });

  it('CLI wording lives in tuner/commands: no string outside it names a flag', () => {
    // Prepare
    const files = [...new Set(importGraph(REPO_ROOT, ['sdk', 'tuner']).map((edge) => edge.from))];

    // Act: string literals that start with a flag (`--seed: ...`), comments left out
    const naming = files
      .filter((file) => !file.startsWith('tuner/commands/') && file !== 'tuner/cli.ts')
      .flatMap((file) =>
        readFileSync(`${REPO_ROOT}/${file}`, 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
          .filter((line) => /['"`]--[a-z][a-z-]+/.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );

    // Assess
    expect(files.length).toBeGreaterThan(200);
    expect(naming).toEqual([]);
  });

  it('the checker reports an upward import (by path or by package name), an AWS SDK import in the cycle, a file outside the layers and a relative import across packages', () => {
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
      { from: 'tuner/sim/fleetBill.ts', to: 'sdk/cost/estimateCost.ts', relativeImport: true },
      {
        from: 'sdk/cost/index.ts',
        to: 'tuner/core/plan.ts',
        relativeImport: false,
        packageImport: true,
      },
    ];

    // Act
    const problems = layerViolations(edges);

    // Assess
    expect(problems).toEqual([
      'tuner/core/plan/planCycle.ts (layer 2) imports upward: tuner/cycle/tuningCycle.ts (layer 3)',
      'tuner/cycle/tuningCycle.ts (layer 3) imports the AWS SDK package @aws-sdk/client-lambda',
      'tuner/misc/helper.ts is in no layer',
      "tuner/sim/fleetBill.ts imports sdk/cost/estimateCost.ts by a relative path into another package: import it by the package's name",
      'sdk/cost/index.ts (layer 0) imports upward: tuner/core/plan.ts (layer 2)',
    ]);
  });
});
