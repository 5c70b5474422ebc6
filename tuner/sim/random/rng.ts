/**
 * A source of uniform random numbers in [0, 1): what the simulator and service models draw from.
 * A seeded implementation makes a simulation repeatable.
 */
export interface Rng {
  /** The next uniform number in [0, 1). */
  next(): number;
}
