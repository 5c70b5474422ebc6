import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../tuner/core/config/index.ts';
import { configProblems } from './support/configProblems.ts';

/** A YAML config with one target whose `slo` is the given flow mapping. */
function withSlo(slo: string): string {
  return ['targets:', '  - function: ocr-detector', '    alias: live', `    slo: ${slo}`].join(
    '\n',
  );
}

const problemsOf = (slo: string) => configProblems(withSlo(slo), 'thermostat.config.yaml');

describe('the SLO config: period-based and request-based, as Application Signals defines them', () => {
  it('reads p99Ms as the short form of a period-based p99 SLO with the default goal', () => {
    // Act
    const config = parseConfig(withSlo('{ p99Ms: 300 }'), { fileName: 'c.yaml' });

    // Assess
    expect(config.targets[0]?.slo).toEqual({
      kind: 'period',
      p99Ms: 300,
      periodMinutes: 5,
      goal: {
        attainmentGoal: 99,
        interval: { kind: 'rolling', duration: 7, durationUnit: 'DAY' },
        warningThreshold: 50,
      },
    });
  });

  it('reads a request-based SLO with its goal, rolling or calendar interval and warning threshold', () => {
    // Act
    const rolling = parseConfig(
      withSlo(
        '{ requestBasedSli: { latencyMs: 300 }, goal: { attainmentGoal: 99.9, interval: { rollingInterval: { duration: 7, durationUnit: DAY } }, warningThreshold: 25 } }',
      ),
      { fileName: 'c.yaml' },
    );
    const calendar = parseConfig(
      withSlo(
        '{ requestBasedSli: { latencyMs: 250 }, goal: { interval: { calendarInterval: { startTime: "2026-12-01T00:00:00Z", duration: 1, durationUnit: MONTH } } } }',
      ),
      { fileName: 'c.yaml' },
    );

    // Assess
    expect(rolling.targets[0]?.slo).toEqual({
      kind: 'request',
      latencyMs: 300,
      goal: {
        attainmentGoal: 99.9,
        interval: { kind: 'rolling', duration: 7, durationUnit: 'DAY' },
        warningThreshold: 25,
      },
    });
    expect(calendar.targets[0]?.slo.goal.interval).toEqual({
      kind: 'calendar',
      startTimeMs: Date.UTC(2026, 11, 1),
      duration: 1,
      durationUnit: 'MONTH',
    });
  });

  it('takes a calendar start as epoch seconds, as the Application Signals API does', () => {
    // Act
    const config = parseConfig(
      withSlo(
        '{ p99Ms: 300, goal: { interval: { calendarInterval: { startTime: 1764547200, duration: 7, durationUnit: DAY } } } }',
      ),
      { fileName: 'c.yaml' },
    );

    // Assess
    expect(config.targets[0]?.slo.goal.interval).toMatchObject({ startTimeMs: 1_764_547_200_000 });
  });

  it('names the field of every bad value', () => {
    // Act / Assess
    expect(problemsOf('{ p99Ms: 300, requestBasedSli: { latencyMs: 300 } }')).toEqual([
      'targets[0].slo: give exactly one of p99Ms (period-based: p99 per 5-minute period) or requestBasedSli: { latencyMs } (request-based) (line 4)',
    ]);
    expect(problemsOf('{ goal: { attainmentGoal: 99 } }')).toHaveLength(1);
    expect(problemsOf('{ requestBasedSli: { latencyMs: -1 } }')).toEqual([
      'targets[0].slo.requestBasedSli.latencyMs: -1 is not above 0 (line 4)',
    ]);
    expect(problemsOf('{ p99Ms: 300, goal: { attainmentGoal: 100 } }')).toEqual([
      'targets[0].slo.goal.attainmentGoal: 100 is not below 100 (percent of good periods or requests) (line 4)',
    ]);
    expect(problemsOf('{ p99Ms: 300, goal: { warningThreshold: 0 } }')).toEqual([
      'targets[0].slo.goal.warningThreshold: 0 is not above 0 (percent of the error budget remaining) (line 4)',
    ]);
    expect(
      problemsOf(
        '{ p99Ms: 300, goal: { interval: { rollingInterval: { duration: 7, durationUnit: WEEK } } } }',
      ),
    ).toEqual([
      'targets[0].slo.goal.interval.rollingInterval.durationUnit: "WEEK" is not a duration unit (expected MINUTE, HOUR, DAY, MONTH) (line 4)',
    ]);
    expect(
      problemsOf(
        '{ p99Ms: 300, goal: { interval: { rollingInterval: { duration: 400, durationUnit: DAY } } } }',
      ),
    ).toEqual([
      'targets[0].slo.goal.interval.rollingInterval.duration: 400 is above 366 (DAY: a year at most) (line 4)',
    ]);
    expect(
      problemsOf(
        '{ p99Ms: 300, goal: { interval: { calendarInterval: { startTime: "2026-12-01", duration: 1, durationUnit: DAY } } } }',
      ),
    ).toEqual([
      'targets[0].slo.goal.interval.calendarInterval.startTime: "2026-12-01" is not a time (expected ISO 8601 with a time zone, e.g. 2026-12-01T00:00:00Z, or epoch seconds) (line 4)',
    ]);
    expect(problemsOf('{ p99Ms: 300, goal: { interval: {} } }')).toEqual([
      'targets[0].slo.goal.interval: give exactly one of rollingInterval or calendarInterval (line 4)',
    ]);
  });
});
