import { describe, expect, it } from 'vitest';
import { readScorerConfig, ScorerConfigError } from './config.ts';
import { encodeTransactions, FEATURE_COUNT, FEATURE_NAMES } from './features.ts';
import { InvalidTransactionError, parseTransaction } from './parseTransaction.ts';
import { sampleTransactions } from './sampleTransactions.ts';
import { generateTransactions } from './training/generateTransactions.ts';
import { FRAUD_THRESHOLD_POINTS, fraudRiskPoints, isFraudByRule } from './transaction.ts';

const [ordinary] = sampleTransactions(1);
const valid = { ...ordinary } as Record<string, unknown>;
/** A transaction that scores no risk point at all, to add signals to one at a time. */
const quiet = {
  ...ordinary,
  amount: 20,
  averageAmount30d: 20,
  hourOfDay: 12,
  merchantFraudRate: 0,
  cardPresent: true,
  foreign: false,
  newDevice: false,
  transactionsLastHour: 0,
  ipRisk: 0,
  accountAgeDays: 400,
  failedAuthLastDay: 0,
  billingShippingMismatch: false,
  distanceFromHomeKm: 3,
  chargebacksLastYear: 0,
} as Parameters<typeof fraudRiskPoints>[0];

describe('the dataset and its rule', () => {
  it('is the same for the same seed and different for another', () => {
    // Prepare / Act
    const a = generateTransactions(500, 1);
    const b = generateTransactions(500, 1);
    const c = generateTransactions(500, 2);
    // Assess
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('labels each row by the rule, with 5–10% fraud, and every row is a valid transaction', () => {
    // Prepare / Act
    const rows = generateTransactions(5000, 1);
    // Assess
    const rate = rows.filter((r) => r.fraud).length / rows.length;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.1);
    for (const row of rows) {
      expect(row.fraud).toBe(isFraudByRule(row.transaction));
      expect(parseTransaction(JSON.parse(JSON.stringify(row.transaction)))).toEqual(
        row.transaction,
      );
    }
  });

  it('adds the documented points per signal', () => {
    // Prepare / Act / Assess
    expect(fraudRiskPoints(quiet)).toBe(0);
    expect(fraudRiskPoints({ ...quiet, ipRisk: 0.8 })).toBe(2);
    expect(fraudRiskPoints({ ...quiet, cardPresent: false, foreign: true })).toBe(1.5);
    expect(fraudRiskPoints({ ...quiet, amount: 100 })).toBe(2);
    expect(
      fraudRiskPoints({ ...quiet, distanceFromHomeKm: 800, minutesSinceLastTransaction: 30 }),
    ).toBe(3);
    expect(isFraudByRule({ ...quiet, ipRisk: 0.9, amount: 100 })).toBe(true);
    expect(fraudRiskPoints({ ...quiet, ipRisk: 0.9, amount: 100 })).toBe(FRAUD_THRESHOLD_POINTS);
    expect(isFraudByRule({ ...quiet, ipRisk: 0.9, hourOfDay: 3 })).toBe(false);
  });

  it('encodes 30 features per transaction, one-hot merchant group', () => {
    // Prepare / Act
    const block = encodeTransactions([quiet, { ...quiet, merchantCategory: 'travel' }]);
    // Assess
    expect(FEATURE_COUNT).toBe(30);
    expect(block).toHaveLength(60);
    const group = (row: number) =>
      FEATURE_NAMES.filter((name, i) => name.startsWith('category_') && block[row * 30 + i] === 1);
    expect(group(0)).toEqual([`category_${quiet.merchantCategory.replace('-', '_')}`]);
    expect(group(1)).toEqual(['category_travel']);
  });
});

describe('parseTransaction', () => {
  it.each([
    ['amount 0', { ...valid, amount: 0 }, /^amount: must be a number > 0, got 0$/],
    [
      'hour 7.5',
      { ...valid, hourOfDay: 7.5 },
      /^hourOfDay: must be a whole number in 0\.\.23, got 7.5$/,
    ],
    [
      'a text IP risk',
      { ...valid, ipRisk: 'high' },
      /^ipRisk: must be a number in 0\.\.1, got "high"$/,
    ],
    ['a text flag', { ...valid, foreign: 'no' }, /^foreign: must be true or false, got "no"$/],
    [
      'no merchant group',
      { ...valid, merchantCategory: undefined },
      /^merchantCategory: must be one of .*, got nothing$/,
    ],
    [
      'a distance beyond the antipode',
      { ...valid, distanceFromHomeKm: 30_000 },
      /^distanceFromHomeKm: /,
    ],
    ['an empty id', { ...valid, transactionId: '' }, /^transactionId: /],
    ['an array', [1, 2], /^a transaction must be a JSON object$/],
  ])('refuses %s, naming the field', (_label, value, message) => {
    // Prepare / Act / Assess
    expect(() => parseTransaction(value)).toThrow(InvalidTransactionError);
    expect(() => parseTransaction(value)).toThrow(message);
  });
});

describe('readScorerConfig', () => {
  it('defaults to the fp32 model beside the handler, batches of 128', () => {
    // Prepare / Act
    const config = readScorerConfig('file:///var/task/handler.mjs', {});
    // Assess
    expect(config).toEqual({
      precision: 'fp32',
      modelPath: '/var/task/model/fraud-mlp.fp32.onnx',
      maxBatchSize: 128,
      threads: undefined,
      threshold: 0.5,
    });
    expect(
      readScorerConfig('file:///var/task/h.mjs', { FRAUD_MODEL_PRECISION: 'int8' }).modelPath,
    ).toBe('/var/task/model/fraud-mlp.int8.onnx');
  });

  it.each([
    [{ FRAUD_MODEL_PRECISION: 'fp16' }, /^FRAUD_MODEL_PRECISION must be one of fp32, int8/],
    [{ FRAUD_MAX_BATCH_SIZE: '0' }, /^FRAUD_MAX_BATCH_SIZE must be a whole number >= 1/],
    [{ FRAUD_THRESHOLD: '2' }, /^FRAUD_THRESHOLD must be a number in 0\.\.1/],
  ])('refuses %j, naming the variable', (env, message) => {
    // Prepare / Act / Assess
    expect(() => readScorerConfig('file:///var/task/h.mjs', env)).toThrow(ScorerConfigError);
    expect(() => readScorerConfig('file:///var/task/h.mjs', env)).toThrow(message);
  });
});
