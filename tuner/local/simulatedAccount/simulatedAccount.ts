/**
 * One simulated AWS account: several functions (one alias each) replaying their traces in one
 * Region, sharing the account's concurrency limit, advanced together minute by minute. It keeps
 * what Lambda would report about each function (versions, the alias, provisioned concurrency and
 * its status, reserved concurrency, tags); the ports over it live beside this file
 * (simulatedMetricsSource.ts, simulatedLambda.ts). See docs/architecture.md, "The simulated shell".
 */
import type { AccountState } from '../../core/ports.ts';
import type { FleetConfig } from '../../sim/fleetConfig.ts';
import type { SimulationInput } from '../../sim/simulationInput.ts';
import type { SimulationResult } from '../../sim/simulationResult.ts';
import { type SteppedFleet, startSteppedFleet } from '../../sim/steppedFleet.ts';
import { SimulatedAccountError } from './simulatedAccountError.ts';

const MINUTE_MS = 60_000;

/** Lambda keeps this much of the account's concurrency unreserved (PutFunctionConcurrency). */
export const MIN_UNRESERVED_CONCURRENCY = 100;

/** One function of the account. */
export interface SimulatedFunctionSpec {
  readonly functionName: string;
  /** The alias callers invoke (the tuner's qualifier). Default `live`. */
  readonly alias?: string;
  /** Its trace, service model, starting configuration and fleet settings. */
  readonly simulation: Omit<SimulationInput, 'policy' | 'accountConcurrencyLimit'>;
  readonly architecture?: 'x86_64' | 'arm64';
  readonly tags?: Readonly<Record<string, string>>;
}

/** Settings of the account. */
export interface SimulatedAccountOptions {
  readonly functions: readonly SimulatedFunctionSpec[];
  /** The account's concurrency limit. Default 1,000 (Lambda's default quota). */
  readonly concurrencyLimit?: number;
  readonly region?: string;
  readonly accountId?: string;
}

/** A published version: its number and memory. */
export interface SimulatedVersion {
  readonly version: string;
  readonly memoryMb: number;
}

/** What Lambda knows about one simulated function, and its fleet. */
export interface SimulatedFunction {
  readonly functionName: string;
  readonly alias: string;
  readonly architecture: 'x86_64' | 'arm64';
  readonly tags: Readonly<Record<string, string>>;
  readonly fleet: SteppedFleet;
  /** Published versions, oldest first. */
  readonly versions: SimulatedVersion[];
  /** The version the alias points to. */
  aliasVersion: string;
  /** Memory of `$LATEST`, MB. */
  latestMemoryMb: number;
  /** A published version the alias moves to once it takes traffic (PC ready, old fleet gone). */
  pendingAliasMove: SimulatedVersion | null;
  /** When the configuration last changed, epoch ms. */
  lastModifiedMs: number;
}

/**
 * The account. Throws `SimulatedAccountError` naming the field for settings Lambda would refuse
 * (reservations leaving fewer than 100 unreserved, duplicate names).
 *
 * @example
 * ```ts
 * const account = new SimulatedAccount({ functions: [{ functionName: 'ocr', simulation: { trace, serviceModel, config } }] });
 * account.advanceTo(account.startMs + 300_000);
 * account.accountState(); // { concurrencyLimit: 1000, unreservedConcurrency: 1000 }
 * ```
 */
export class SimulatedAccount {
  readonly region: string;
  readonly accountId: string;
  readonly concurrencyLimit: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly #functions = new Map<string, SimulatedFunction>();
  #nowMs: number;

  constructor(options: SimulatedAccountOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.concurrencyLimit = options.concurrencyLimit ?? 1000;
    if (
      !Number.isInteger(this.concurrencyLimit) ||
      this.concurrencyLimit < MIN_UNRESERVED_CONCURRENCY
    )
      throw new SimulatedAccountError(
        'concurrencyLimit',
        `must be a whole number ≥ ${MIN_UNRESERVED_CONCURRENCY}`,
      );
    if (options.functions.length === 0)
      throw new SimulatedAccountError('functions', 'must name at least one function');
    options.functions.forEach((spec, i) => {
      if (this.#functions.has(spec.functionName))
        throw new SimulatedAccountError(
          `functions[${i}].functionName`,
          `${spec.functionName} is listed twice`,
        );
      const fleet = startSteppedFleet({
        ...spec.simulation,
        accountConcurrencyLimit: this.concurrencyLimit,
        // The metrics source computes PR(:t) from every served request, as CloudWatch does.
        recordInvocations: true,
      });
      const memoryMb = spec.simulation.config.memoryMb;
      this.#functions.set(spec.functionName, {
        functionName: spec.functionName,
        alias: spec.alias ?? 'live',
        architecture: spec.architecture ?? spec.simulation.pricing?.architecture ?? 'x86_64',
        tags: spec.tags ?? {},
        fleet,
        versions: [{ version: '1', memoryMb }],
        aliasVersion: '1',
        latestMemoryMb: memoryMb,
        pendingAliasMove: null,
        lastModifiedMs: fleet.startMs,
      });
    });
    const fleets = [...this.#functions.values()].map((f) => f.fleet);
    this.startMs = Math.min(...fleets.map((f) => f.startMs));
    this.endMs = Math.max(...fleets.map((f) => f.endMs));
    this.#nowMs = this.startMs;
    const reserved = this.#reservedTotal();
    if (this.concurrencyLimit - reserved < MIN_UNRESERVED_CONCURRENCY)
      throw new SimulatedAccountError(
        'functions[].simulation.config.reservedConcurrency',
        `reservations of ${reserved} leave fewer than ${MIN_UNRESERVED_CONCURRENCY} of the account's ${this.concurrencyLimit} unreserved`,
      );
    this.#shareUnreservedPool();
  }

  /** The simulated instant, epoch ms. */
  get nowMs(): number {
    return this.#nowMs;
  }

  /** The function named `functionName`, or undefined. */
  function(functionName: string): SimulatedFunction | undefined {
    return this.#functions.get(functionName);
  }

  /** Every function, in the order given. */
  functions(): SimulatedFunction[] {
    return [...this.#functions.values()];
  }

  /** The account's concurrency as GetAccountSettings reports it. */
  accountState(): AccountState {
    return {
      concurrencyLimit: this.concurrencyLimit,
      unreservedConcurrency: this.concurrencyLimit - this.#reservedTotal(),
    };
  }

  /**
   * Simulates every function up to `epochMs` (rounded down to a minute), one minute at a time so
   * that the unreserved pool is shared between the functions without reserved concurrency.
   */
  advanceTo(epochMs: number): void {
    const target = Math.min(this.endMs, Math.floor(epochMs / MINUTE_MS) * MINUTE_MS);
    while (this.#nowMs < target) {
      const next = this.#nowMs + MINUTE_MS;
      for (const fn of this.#functions.values()) fn.fleet.advanceTo(next);
      this.#nowMs = next;
      this.#settleAliasMoves();
      this.#shareUnreservedPool();
    }
  }

  /**
   * Requests `config` for a function now (Lambda's delays apply in the fleet). Throws
   * `SimulatedAccountError` for a reservation Lambda would refuse.
   */
  request(fn: SimulatedFunction, config: FleetConfig): void {
    if (config.reservedConcurrency !== fn.fleet.requested.reservedConcurrency) {
      const others = this.#reservedTotal() - (fn.fleet.requested.reservedConcurrency ?? 0);
      const unreserved = this.concurrencyLimit - others - (config.reservedConcurrency ?? 0);
      if (unreserved < MIN_UNRESERVED_CONCURRENCY)
        throw new SimulatedAccountError(
          'ReservedConcurrentExecutions',
          `decreases the account's unreserved concurrency below its minimum value of ${MIN_UNRESERVED_CONCURRENCY}`,
        );
    }
    fn.fleet.request(config);
    fn.lastModifiedMs = this.#nowMs;
    this.#shareUnreservedPool();
  }

  /** Every function's result over the simulated time (advance to `endMs` first for the whole trace). */
  finish(): Map<string, SimulationResult> {
    return new Map(this.functions().map((fn) => [fn.functionName, fn.fleet.finish()]));
  }

  #reservedTotal(): number {
    let total = 0;
    for (const fn of this.#functions.values()) total += fn.fleet.requested.reservedConcurrency ?? 0;
    return total;
  }

  /** Functions without a reservation share the unreserved pool: each gets what the others leave. */
  #shareUnreservedPool(): void {
    const pool = this.concurrencyLimit - this.#reservedTotal();
    const unreserved = this.functions().filter(
      (fn) => fn.fleet.requested.reservedConcurrency === null,
    );
    if (unreserved.length === 0) return;
    let used = 0;
    for (const fn of unreserved) used += fn.fleet.concurrency;
    for (const fn of unreserved)
      fn.fleet.setUnreservedCeiling(pool - (used - fn.fleet.concurrency));
  }

  #settleAliasMoves(): void {
    for (const fn of this.#functions.values()) {
      const move = fn.pendingAliasMove;
      if (move !== null && fn.fleet.memoryInEffect === move.memoryMb) {
        fn.aliasVersion = move.version;
        fn.pendingAliasMove = null;
        fn.lastModifiedMs = this.#nowMs;
      }
    }
  }
}
