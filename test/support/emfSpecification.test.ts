import { describe, expect, it } from 'vitest';
import { emfViolationsOf } from './emfSpecification.ts';

const valid = {
  _aws: {
    Timestamp: 1_764_000_000_000,
    CloudWatchMetrics: [
      {
        Namespace: 'N',
        Dimensions: [['FunctionName']],
        Metrics: [{ Name: 'Lat', Unit: 'Milliseconds' }],
      },
    ],
  },
  FunctionName: 'f',
  Lat: 12,
};

describe('the EMF specification checker used to audit the suite', () => {
  it('accepts a valid document', () => {
    expect(emfViolationsOf(JSON.stringify(valid))).toEqual([]);
  });

  it.each([
    ['a fractional timestamp', { ...valid, _aws: { ...valid._aws, Timestamp: 1.5 } }, 'Timestamp'],
    [
      'an invalid unit',
      {
        ...valid,
        _aws: {
          ...valid._aws,
          CloudWatchMetrics: [
            { ...valid._aws.CloudWatchMetrics[0], Metrics: [{ Name: 'Lat', Unit: 'ms' }] },
          ],
        },
      },
      'invalid unit',
    ],
    ['a missing metric target', { ...valid, Lat: undefined }, 'no numeric target'],
    ['101 values', { ...valid, Lat: Array.from({ length: 101 }, () => 1) }, 'more than 100 values'],
    ['a non-string dimension', { ...valid, FunctionName: 3 }, 'no string target'],
    [
      '31 dimensions',
      {
        ...valid,
        ...Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`d${i}`, 'v'])),
        _aws: {
          ...valid._aws,
          CloudWatchMetrics: [
            {
              ...valid._aws.CloudWatchMetrics[0],
              Dimensions: [Array.from({ length: 31 }, (_, i) => `d${i}`)],
            },
          ],
        },
      },
      'more than 30',
    ],
    [
      '101 metrics',
      {
        ...valid,
        ...Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`m${i}`, 1])),
        _aws: {
          ...valid._aws,
          CloudWatchMetrics: [
            {
              ...valid._aws.CloudWatchMetrics[0],
              Metrics: Array.from({ length: 101 }, (_, i) => ({ Name: `m${i}` })),
            },
          ],
        },
      },
      'more than 100 definitions',
    ],
  ])('rejects %s', (_label, doc, expected) => {
    expect(emfViolationsOf(JSON.stringify(doc)).join('; ')).toContain(expected);
  });

  it('rejects a document above 1 MB and text that is not JSON', () => {
    expect(emfViolationsOf(JSON.stringify({ ...valid, big: 'x'.repeat(1_100_000) }))).toContain(
      'document larger than 1 MB',
    );
    expect(emfViolationsOf('START RequestId: abc {"_aws":')).toEqual(['not valid JSON']);
  });
});
