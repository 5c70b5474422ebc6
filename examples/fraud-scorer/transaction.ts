/**
 * A card transaction as the scorer receives it (the body of an HTTP request or of an SQS message),
 * and the rule that says which transactions are fraud in the synthetic dataset
 * (`training/generateTransactions.ts`). The model is trained to reproduce the rule.
 */

/** Merchant groups; the encoder turns them into one-hot features. */
export const MerchantCategory = {
  grocery: 'grocery',
  fuel: 'fuel',
  restaurant: 'restaurant',
  electronics: 'electronics',
  travel: 'travel',
  digitalGoods: 'digital-goods',
} as const;
export type MerchantCategory = (typeof MerchantCategory)[keyof typeof MerchantCategory];

/** One card transaction with the account history a feature store would join to it. */
export interface Transaction {
  /** Caller's id, echoed in the answer. */
  readonly transactionId: string;
  /** Amount, USD, > 0. */
  readonly amount: number;
  /** The customer's mean amount over 30 days, USD, ≥ 0. */
  readonly averageAmount30d: number;
  /** Local hour, 0–23. */
  readonly hourOfDay: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly dayOfWeek: number;
  readonly merchantCategory: MerchantCategory;
  /** The merchant's share of fraudulent transactions last quarter, 0–1. */
  readonly merchantFraudRate: number;
  /** The card was physically present (chip or contactless). */
  readonly cardPresent: boolean;
  /** The merchant's country is not the card's. */
  readonly foreign: boolean;
  /** Distance from the customer's home, km, ≥ 0. */
  readonly distanceFromHomeKm: number;
  /** Minutes since the card's previous transaction, ≥ 0. */
  readonly minutesSinceLastTransaction: number;
  /** The card's transactions in the last hour and day (this one excluded), whole numbers ≥ 0. */
  readonly transactionsLastHour: number;
  readonly transactionsLastDay: number;
  /** First time this device (or browser fingerprint) is seen for the account. */
  readonly newDevice: boolean;
  /** First time the customer buys from this merchant. */
  readonly newMerchant: boolean;
  /** The IP address's reputation score, 0 (clean) – 1 (known bad). */
  readonly ipRisk: number;
  /** Ages, days, ≥ 0: of the account's e-mail address, of the account, of the card. */
  readonly emailAgeDays: number;
  readonly accountAgeDays: number;
  readonly cardAgeDays: number;
  /** Failed authentications (PIN, 3-D Secure) in the last 24 h, whole number ≥ 0. */
  readonly failedAuthLastDay: number;
  /** Chargebacks on the account in the last year, whole number ≥ 0. */
  readonly chargebacksLastYear: number;
  /** The billing and shipping addresses differ. */
  readonly billingShippingMismatch: boolean;
  /** The customer's age, years, 18–100. */
  readonly customerAgeYears: number;
  /** Balance / credit limit, 0–2. */
  readonly creditUtilisation: number;
}

/**
 * The dataset's ground truth: risk points for well-known fraud signals, fraud at 4 points or
 * more. Signals (points): amount ≥ 5× the customer's 30-day mean (2); card not present abroad
 * (1.5); card not present on a new device (1.5); between midnight and 5 a.m. (1); ≥ 4 transactions
 * in the last hour (1.5); IP reputation ≥ 0.8 (2); electronics or digital goods on an account
 * younger than 30 days (1.5); ≥ 3 failed authentications in a day (1.5); billing ≠ shipping (1);
 * card present ≥ 500 km from home within 60 minutes of the previous transaction — impossible
 * travel (3); any chargeback in the last year (0.5); plus 10 × the merchant's fraud rate.
 *
 * @example
 * ```ts
 * fraudRiskPoints({ ...transaction, ipRisk: 0.9, foreign: true, cardPresent: false }); // ≥ 3.5
 * ```
 */
export function fraudRiskPoints(t: Transaction): number {
  let points = 10 * t.merchantFraudRate;
  if (t.amount >= 5 * Math.max(t.averageAmount30d, 1)) points += 2;
  if (!t.cardPresent && t.foreign) points += 1.5;
  if (!t.cardPresent && t.newDevice) points += 1.5;
  if (t.hourOfDay < 5) points += 1;
  if (t.transactionsLastHour >= 4) points += 1.5;
  if (t.ipRisk >= 0.8) points += 2;
  const riskyGoods =
    t.merchantCategory === MerchantCategory.electronics ||
    t.merchantCategory === MerchantCategory.digitalGoods;
  if (riskyGoods && t.accountAgeDays < 30) points += 1.5;
  if (t.failedAuthLastDay >= 3) points += 1.5;
  if (t.billingShippingMismatch) points += 1;
  if (t.cardPresent && t.distanceFromHomeKm >= 500 && t.minutesSinceLastTransaction <= 60) {
    points += 3;
  }
  if (t.chargebacksLastYear > 0) points += 0.5;
  return points;
}

/** Risk points at which the rule calls a transaction fraud. */
export const FRAUD_THRESHOLD_POINTS = 4;

/**
 * Whether the dataset's rule calls the transaction fraud (see {@link fraudRiskPoints}).
 *
 * @example
 * ```ts
 * isFraudByRule(transaction); // true or false
 * ```
 */
export function isFraudByRule(t: Transaction): boolean {
  return fraudRiskPoints(t) >= FRAUD_THRESHOLD_POINTS;
}
