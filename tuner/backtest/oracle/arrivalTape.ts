import { arrivalCount, type SimulationInput, simulateFleet } from '../../sim/index.ts';

/**
 * Every request of a trace as the simulator places and serves it for one seed: arrival times
 * (epoch ms) and the service time each one draws at the profile's memory. Every simulation of the
 * trace with that seed draws exactly these (arrivals and service times come from their own random
 * streams, the i-th arrival always draws the i-th service time), so the oracle can cut the tape
 * into windows and replay any part of it faithfully.
 */
export interface ArrivalTape {
  /** The trace's window, epoch ms (end exclusive). */
  readonly startMs: number;
  readonly endMs: number;
  readonly arrivalMs: Float64Array;
  /** Service time of each arrival at the profile's memory, ms. */
  readonly serviceMs: Float64Array;
}

/** The recording went wrong (a request was throttled): a bug, not a user error. */
export class ArrivalTapeError extends Error {
  override readonly name = 'ArrivalTapeError';
}

/**
 * Records the tape with one simulation in which every request finds a warm provisioned
 * environment at `memoryMb` (the profile's, so service times are unscaled) and none is
 * throttled: then each recorded end-to-end latency is exactly the service time drawn.
 *
 * @example
 * ```ts
 * const tape = recordArrivalTape({ trace, serviceModel, seed: 1 }, profile.memoryMb);
 * tape.arrivalMs.length === arrivalCount(trace); // true
 * ```
 */
export function recordArrivalTape(
  input: Pick<SimulationInput, 'trace' | 'serviceModel' | 'seed'>,
  memoryMb: number,
): ArrivalTape {
  const requests = arrivalCount(input.trace);
  // Concurrency never exceeds the number of requests: that many warm environments serve them all.
  const everyone = Math.max(1, requests);
  const result = simulateFleet({
    trace: input.trace,
    serviceModel: input.serviceModel,
    seed: input.seed,
    config: { memoryMb, provisionedConcurrency: everyone, reservedConcurrency: null },
    accountConcurrencyLimit: everyone,
    recordInvocations: true,
  });
  const recorded = result.invocations;
  if (recorded === null || recorded.arrivalMs.length !== requests) {
    throw new ArrivalTapeError(
      `recording the arrival tape served ${recorded?.arrivalMs.length ?? 0} of ${requests} requests`,
    );
  }
  return {
    startMs: result.startMs,
    endMs: result.endMs,
    arrivalMs: recorded.arrivalMs.slice(),
    serviceMs: recorded.e2eMs.slice(),
  };
}
