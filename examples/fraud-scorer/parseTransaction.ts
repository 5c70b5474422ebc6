import { MERCHANT_CATEGORIES } from './features.ts';
import type { MerchantCategory, Transaction } from './transaction.ts';

/** A transaction the scorer cannot score because of what the caller sent; names the field. */
export class InvalidTransactionError extends Error {
  override readonly name = 'InvalidTransactionError';
  /** HTTP status the synchronous handler answers with. */
  readonly statusCode = 400;
}

type NumberRule = { readonly min: number; readonly max: number; readonly integer?: boolean };

const NUMBERS = {
  amount: { min: Number.MIN_VALUE, max: 1e9 },
  averageAmount30d: { min: 0, max: 1e9 },
  hourOfDay: { min: 0, max: 23, integer: true },
  dayOfWeek: { min: 0, max: 6, integer: true },
  merchantFraudRate: { min: 0, max: 1 },
  // Half the Earth's circumference: the farthest two places can be.
  distanceFromHomeKm: { min: 0, max: 20_040 },
  minutesSinceLastTransaction: { min: 0, max: 1e8 },
  transactionsLastHour: { min: 0, max: 1e6, integer: true },
  transactionsLastDay: { min: 0, max: 1e6, integer: true },
  ipRisk: { min: 0, max: 1 },
  emailAgeDays: { min: 0, max: 1e6 },
  accountAgeDays: { min: 0, max: 1e6 },
  cardAgeDays: { min: 0, max: 1e6 },
  failedAuthLastDay: { min: 0, max: 1e6, integer: true },
  chargebacksLastYear: { min: 0, max: 1e6, integer: true },
  customerAgeYears: { min: 18, max: 120 },
  creditUtilisation: { min: 0, max: 2 },
} as const satisfies Record<string, NumberRule>;

const FLAGS = [
  'cardPresent',
  'foreign',
  'newDevice',
  'newMerchant',
  'billingShippingMismatch',
] as const;

/**
 * Checks an untrusted value (a parsed JSON body) field by field and returns it as a
 * {@link Transaction}; throws {@link InvalidTransactionError} naming the first bad field.
 *
 * @example
 * ```ts
 * parseTransaction(JSON.parse(body)); // a Transaction
 * parseTransaction({ ...valid, hourOfDay: 25 }); // throws: hourOfDay: must be a whole number in 0..23, got 25
 * ```
 */
export function parseTransaction(value: unknown): Transaction {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidTransactionError('a transaction must be a JSON object');
  }
  const record = value as Record<string, unknown>;
  const id = record.transactionId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) {
    throw new InvalidTransactionError('transactionId: must be a string of 1 to 128 characters');
  }
  for (const [field, rule] of Object.entries(NUMBERS) as [string, NumberRule][]) {
    const n = record[field];
    const ok =
      typeof n === 'number' &&
      Number.isFinite(n) &&
      n >= rule.min &&
      n <= rule.max &&
      (rule.integer !== true || Number.isInteger(n));
    if (!ok) {
      const kind = rule.integer ? 'a whole number' : 'a number';
      const low = rule.min === Number.MIN_VALUE ? '> 0' : `in ${rule.min}..${rule.max}`;
      throw new InvalidTransactionError(
        `${field}: must be ${kind} ${low}, got ${JSON.stringify(n) ?? 'nothing'}`,
      );
    }
  }
  for (const field of FLAGS) {
    if (typeof record[field] !== 'boolean') {
      throw new InvalidTransactionError(
        `${field}: must be true or false, got ${JSON.stringify(record[field]) ?? 'nothing'}`,
      );
    }
  }
  const category = record.merchantCategory;
  if (!MERCHANT_CATEGORIES.includes(category as MerchantCategory)) {
    throw new InvalidTransactionError(
      `merchantCategory: must be one of ${MERCHANT_CATEGORIES.join(', ')}, got ${JSON.stringify(category) ?? 'nothing'}`,
    );
  }
  return record as unknown as Transaction;
}
