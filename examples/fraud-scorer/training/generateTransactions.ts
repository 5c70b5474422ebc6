import { type Rng, Xoshiro128 } from '../../../tuner/sim/index.ts';
import { MERCHANT_CATEGORIES } from '../features.ts';
import { isFraudByRule, type MerchantCategory, type Transaction } from '../transaction.ts';

/** A transaction and the rule's verdict on it. */
export interface LabelledTransaction {
  readonly transaction: Transaction;
  readonly fraud: boolean;
}

/** Share of transactions drawn from a compromised card's behaviour (see below). */
export const COMPROMISED_SHARE = 0.12;

/**
 * The synthetic dataset: `count` transactions drawn with a seeded generator (Xoshiro128), each
 * labelled by the rule in `../transaction.ts` (`isFraudByRule`). Every field is drawn independently
 * from one of two behaviours: an ordinary customer's (daytime, near home, a known device, small
 * amounts close to the usual, old accounts) or, for {@link COMPROMISED_SHARE} of the rows, a
 * compromised card's (any hour, card not present, abroad, new devices, bursts of transactions,
 * larger amounts, young accounts, bad IPs). The behaviour is not a label: many compromised-looking
 * rows stay under the rule's threshold and some ordinary ones cross it, so the model has to learn
 * the rule itself. The same `(count, seed)` always gives the same rows.
 *
 * @example
 * ```ts
 * const rows = generateTransactions(20_000, 1);
 * rows.filter((r) => r.fraud).length / rows.length; // ≈ 0.09
 * ```
 */
export function generateTransactions(count: number, seed: number): LabelledTransaction[] {
  const draw = new Draws(new Xoshiro128(seed));
  const rows: LabelledTransaction[] = [];
  for (let i = 0; i < count; i++) {
    const transaction = drawTransaction(draw, i, draw.chance(COMPROMISED_SHARE));
    rows.push({ transaction, fraud: isFraudByRule(transaction) });
  }
  return rows;
}

const ORDINARY_CATEGORY_WEIGHTS = [0.3, 0.15, 0.25, 0.1, 0.08, 0.12];
const COMPROMISED_CATEGORY_WEIGHTS = [0.1, 0.1, 0.1, 0.3, 0.15, 0.25];
/** Ordinary customers shop in the daytime: relative weight of each hour 0–23. */
const ORDINARY_HOUR_WEIGHTS = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.6, 1, 1.5, 2, 2, 2, 2.5, 2.5, 2, 2, 2, 2.2, 2.5, 2.5, 2, 1.5, 1,
  0.5,
];

function drawTransaction(draw: Draws, index: number, compromised: boolean): Transaction {
  const c = compromised;
  const averageAmount30d = round(draw.logNormal(60, 0.8), 2);
  const transactionsLastHour = draw.poisson(c ? 2.5 : 0.3);
  return {
    transactionId: `tx-${index}`,
    averageAmount30d,
    amount: round(Math.max(0.01, averageAmount30d * draw.logNormal(c ? 3 : 1, c ? 0.9 : 0.7)), 2),
    hourOfDay: c ? draw.integer(24) : draw.weighted(ORDINARY_HOUR_WEIGHTS),
    dayOfWeek: draw.integer(7),
    merchantCategory: MERCHANT_CATEGORIES[
      draw.weighted(c ? COMPROMISED_CATEGORY_WEIGHTS : ORDINARY_CATEGORY_WEIGHTS)
    ] as MerchantCategory,
    merchantFraudRate: round(0.3 * draw.uniform() ** (c ? 2 : 4), 4),
    cardPresent: draw.chance(c ? 0.25 : 0.6),
    foreign: draw.chance(c ? 0.3 : 0.05),
    // No place on Earth is farther than half its circumference.
    distanceFromHomeKm: round(Math.min(20_000, draw.logNormal(c ? 80 : 8, c ? 2 : 1.2)), 1),
    minutesSinceLastTransaction: round(draw.logNormal(c ? 30 : 600, 1.5), 1),
    transactionsLastHour,
    transactionsLastDay: transactionsLastHour + draw.poisson(c ? 6 : 3),
    newDevice: draw.chance(c ? 0.4 : 0.05),
    newMerchant: draw.chance(c ? 0.6 : 0.2),
    ipRisk: round(draw.uniform() ** (c ? 1.5 : 6), 3),
    emailAgeDays: Math.round(draw.logNormal(c ? 60 : 1500, c ? 1.5 : 1)),
    accountAgeDays: Math.round(draw.logNormal(c ? 40 : 900, c ? 1.5 : 1)),
    cardAgeDays: Math.round(draw.logNormal(c ? 200 : 500, 1)),
    failedAuthLastDay: draw.poisson(c ? 1.5 : 0.1),
    chargebacksLastYear: draw.poisson(c ? 0.3 : 0.05),
    billingShippingMismatch: draw.chance(c ? 0.45 : 0.1),
    customerAgeYears: 18 + draw.integer(68),
    creditUtilisation: round(draw.uniform() * (c ? 1.5 : 0.9), 3),
  };
}

/** The distributions the generator draws from, on one seeded stream. */
class Draws {
  readonly #rng: Rng;

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  uniform(): number {
    return this.#rng.next();
  }

  chance(p: number): boolean {
    return this.#rng.next() < p;
  }

  /** A whole number in 0..n−1. */
  integer(n: number): number {
    return Math.floor(this.#rng.next() * n);
  }

  /** An index drawn with the given relative weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let u = this.#rng.next() * total;
    for (const [i, w] of weights.entries()) {
      u -= w;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.#rng.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.#rng.next());
  }

  /** Poisson with a small mean (Knuth's product of uniforms). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = this.#rng.next(); p > limit; p *= this.#rng.next()) k++;
    return k;
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
