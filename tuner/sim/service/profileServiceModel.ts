import { type Profile, ProfileLimits } from '../profile.ts';
import type { Rng } from '../random/rng.ts';
import { SimulationInputError } from '../simulationInputError.ts';
import { MAX_MEMORY_MB, MIN_MEMORY_MB, memoryScaleFactor } from './memoryScaling.ts';
import type { ServiceModel } from './serviceModel.ts';

/**
 * A service model that bootstraps from a profile: each draw picks one measured sample at random
 * and scales it from the profile's memory size to the simulated one by the CPU-share rule.
 * Init times scale by the same rule and the same CPU-bound fraction (an approximation: model
 * loading is partly I/O, which memory does not speed up).
 */
class ProfileServiceModel implements ServiceModel {
  readonly cpuBoundFraction: number;
  readonly #profileMemoryMb: number;
  readonly #maxThreads: number;
  readonly #init: Float64Array;
  readonly #service: Float64Array;
  // One-entry cache: the memory size rarely changes within a run.
  #cachedMemoryMb = Number.NaN;
  #cachedFactor = 1;

  constructor(profile: Profile) {
    this.cpuBoundFraction = profile.cpuBoundFraction;
    this.#profileMemoryMb = profile.memoryMb;
    this.#maxThreads = profile.maxThreads;
    this.#init = Float64Array.from(profile.initMs);
    this.#service = Float64Array.from(profile.serviceMs);
  }

  sampleInitMs(rng: Rng, memoryMb: number): number {
    const samples = this.#init;
    return (samples[Math.floor(rng.next() * samples.length)] as number) * this.#factor(memoryMb);
  }

  sampleServiceMs(rng: Rng, memoryMb: number): number {
    const samples = this.#service;
    return (samples[Math.floor(rng.next() * samples.length)] as number) * this.#factor(memoryMb);
  }

  #factor(memoryMb: number): number {
    if (memoryMb !== this.#cachedMemoryMb) {
      this.#cachedFactor = memoryScaleFactor({
        fromMemoryMb: this.#profileMemoryMb,
        toMemoryMb: memoryMb,
        cpuBoundFraction: this.cpuBoundFraction,
        maxThreads: this.#maxThreads,
      });
      this.#cachedMemoryMb = memoryMb;
    }
    return this.#cachedFactor;
  }
}

/**
 * The service model of a measured profile: init and service times resampled from the profile's
 * samples (a bootstrap) and scaled with memory by the CPU-share rule
 * (`t(m) = t_ref × ((1 − f) + f × eff(ref) / eff(m))`, `eff(m) = min(m / 1769, maxThreads)`),
 * the same rule for init as for service time. Throws `SimulationInputError` for a profile the
 * simulator cannot use.
 *
 * @example
 * ```ts
 * const model = serviceModelFromProfile(JSON.parse(readFileSync('profile.json', 'utf8')));
 * model.sampleServiceMs(new Xoshiro128(1), 2048); // a measured sample, scaled to 2,048 MB
 * ```
 */
export function serviceModelFromProfile(profile: Profile): ServiceModel {
  validateProfile(profile);
  return new ProfileServiceModel(profile);
}

/**
 * Checks that a profile can drive a simulation; throws `SimulationInputError` naming the field.
 *
 * @example
 * ```ts
 * validateProfile({ name: 'x', memoryMb: 1024, initMs: [], serviceMs: [10], cpuBoundFraction: 1, maxThreads: 1 });
 * // throws SimulationInputError: profile.initMs: must hold at least one sample
 * ```
 */
export function validateProfile(profile: Profile): void {
  if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) {
    throw new SimulationInputError('profile', `must be an object, got ${show(profile)}`);
  }
  if (
    typeof profile.name !== 'string' ||
    profile.name === '' ||
    profile.name.length > ProfileLimits.MAX_NAME_CHARS
  ) {
    throw new SimulationInputError(
      'profile.name',
      `must be a name of 1..${ProfileLimits.MAX_NAME_CHARS} characters, got ${show(profile.name)}`,
    );
  }
  if (
    !Number.isInteger(profile.memoryMb) ||
    profile.memoryMb < MIN_MEMORY_MB ||
    profile.memoryMb > MAX_MEMORY_MB
  ) {
    throw new SimulationInputError(
      'profile.memoryMb',
      `must be a whole number of MB within ${MIN_MEMORY_MB}..${MAX_MEMORY_MB}, got ${show(profile.memoryMb)}`,
    );
  }
  validateSamples('profile.initMs', profile.initMs);
  validateSamples('profile.serviceMs', profile.serviceMs);
  const f = profile.cpuBoundFraction;
  if (typeof f !== 'number' || !Number.isFinite(f) || f < 0 || f > 1) {
    throw new SimulationInputError(
      'profile.cpuBoundFraction',
      `must be within 0..1, got ${show(f)}`,
    );
  }
  if (
    !Number.isInteger(profile.maxThreads) ||
    profile.maxThreads < 1 ||
    profile.maxThreads > ProfileLimits.MAX_THREADS
  ) {
    throw new SimulationInputError(
      'profile.maxThreads',
      `must be a whole number within 1..${ProfileLimits.MAX_THREADS}, got ${show(profile.maxThreads)}`,
    );
  }
  const bytes = profile.modelBytes;
  if (bytes !== undefined && !(Number.isSafeInteger(bytes) && bytes > 0)) {
    throw new SimulationInputError(
      'profile.modelBytes',
      `must be a whole number > 0, got ${bytes}`,
    );
  }
}

function validateSamples(field: string, samples: readonly number[]): void {
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new SimulationInputError(field, 'must hold at least one sample');
  }
  if (samples.length > ProfileLimits.MAX_SAMPLES) {
    throw new SimulationInputError(
      field,
      `holds ${samples.length} samples, more than the ${ProfileLimits.MAX_SAMPLES} a profile may hold`,
    );
  }
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > ProfileLimits.MAX_SAMPLE_MS) {
      throw new SimulationInputError(
        `${field}[${i}]`,
        `must be a duration within 0..${ProfileLimits.MAX_SAMPLE_MS} ms (an invocation stops at 15 minutes), got ${show(v)}`,
      );
    }
  }
}

/** A value as a profile message quotes it (numbers JSON cannot write as themselves). */
function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? String(value);
}
