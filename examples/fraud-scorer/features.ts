import { MerchantCategory, type Transaction } from './transaction.ts';

/** The model's 30 inputs, in order (the ONNX input `features` is `[rows, 30]`). */
export const FEATURE_NAMES = [
  'log_amount',
  'log_amount_to_average',
  'log_average_amount_30d',
  'hour_sin',
  'hour_cos',
  'weekend',
  'card_present',
  'foreign',
  'log_distance_from_home',
  'log_minutes_since_last',
  'transactions_last_hour',
  'transactions_last_day',
  'new_device',
  'new_merchant',
  'ip_risk',
  'log_email_age',
  'log_account_age',
  'log_card_age',
  'failed_auth_last_day',
  'chargebacks_last_year',
  'billing_shipping_mismatch',
  'merchant_fraud_rate',
  'category_grocery',
  'category_fuel',
  'category_restaurant',
  'category_electronics',
  'category_travel',
  'category_digital_goods',
  'customer_age',
  'credit_utilisation',
] as const;

/** Features per transaction. */
export const FEATURE_COUNT = FEATURE_NAMES.length;

const CATEGORIES: readonly MerchantCategory[] = [
  MerchantCategory.grocery,
  MerchantCategory.fuel,
  MerchantCategory.restaurant,
  MerchantCategory.electronics,
  MerchantCategory.travel,
  MerchantCategory.digitalGoods,
];
const CATEGORY_OFFSET = FEATURE_NAMES.indexOf('category_grocery');

/**
 * Writes a transaction's 30 features into `into` at `offset` (logs of amounts, ages and
 * distances, the hour on a circle, one-hot merchant group). The model standardises them itself.
 *
 * @example
 * ```ts
 * const row = new Float32Array(FEATURE_COUNT);
 * encodeTransaction(transaction, row, 0);
 * ```
 */
export function encodeTransaction(t: Transaction, into: Float32Array, offset: number): void {
  const angle = (2 * Math.PI * t.hourOfDay) / 24;
  const values = [
    Math.log1p(t.amount),
    Math.log1p(t.amount) - Math.log1p(t.averageAmount30d),
    Math.log1p(t.averageAmount30d),
    Math.sin(angle),
    Math.cos(angle),
    t.dayOfWeek === 0 || t.dayOfWeek === 6 ? 1 : 0,
    t.cardPresent ? 1 : 0,
    t.foreign ? 1 : 0,
    Math.log1p(t.distanceFromHomeKm),
    Math.log1p(t.minutesSinceLastTransaction),
    t.transactionsLastHour,
    t.transactionsLastDay,
    t.newDevice ? 1 : 0,
    t.newMerchant ? 1 : 0,
    t.ipRisk,
    Math.log1p(t.emailAgeDays),
    Math.log1p(t.accountAgeDays),
    Math.log1p(t.cardAgeDays),
    t.failedAuthLastDay,
    t.chargebacksLastYear,
    t.billingShippingMismatch ? 1 : 0,
    t.merchantFraudRate,
  ];
  into.set(values, offset);
  into.fill(0, offset + CATEGORY_OFFSET, offset + CATEGORY_OFFSET + CATEGORIES.length);
  into[offset + CATEGORY_OFFSET + CATEGORIES.indexOf(t.merchantCategory)] = 1;
  into[offset + CATEGORY_OFFSET + CATEGORIES.length] = t.customerAgeYears / 100;
  into[offset + CATEGORY_OFFSET + CATEGORIES.length + 1] = t.creditUtilisation;
}

/**
 * The features of many transactions as one row-major `[rows, 30]` block (one model input).
 *
 * @example
 * ```ts
 * const block = encodeTransactions([a, b]); // 60 floats
 * ```
 */
export function encodeTransactions(transactions: readonly Transaction[]): Float32Array {
  const block = new Float32Array(transactions.length * FEATURE_COUNT);
  for (const [row, transaction] of transactions.entries()) {
    encodeTransaction(transaction, block, row * FEATURE_COUNT);
  }
  return block;
}

/** The index of each merchant group among the one-hot features (for tests and the generator). */
export const MERCHANT_CATEGORIES = CATEGORIES;
