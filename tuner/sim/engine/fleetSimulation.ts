import FlatQueue from 'flatqueue';
import type { FleetConfig } from '../fleetConfig.ts';
import { sameFleetConfig } from '../fleetConfig.ts';
import type { IntervalMetrics } from '../intervalMetrics.ts';
import type { Policy } from '../policy.ts';
import { Xoshiro128 } from '../random/xoshiro128.ts';
import type { ServiceModel } from '../service/serviceModel.ts';
import type { CapacityChange, ConfigChange, SimulationResult } from '../simulationResult.ts';
import { validateFleetConfig } from '../validateFleetConfig.ts';
import type { ArrivalSchedule } from './arrivalSchedule.ts';
import { FleetBill } from './fleetBill.ts';
import { IdleEnvironments } from './idleEnvironments.ts';
import { MinuteRecorder } from './minuteRecorder.ts';
import type { ResolvedOptions } from './resolvedOptions.ts';
import { ScaleUpLimiter } from './scaleUpLimiter.ts';

const MINUTE_MS = 60_000;

/** Independent random streams, so that e.g. a policy's extra cold starts never shift arrivals. */
const Stream = { ARRIVALS: 0, SERVICE: 1, INIT: 2 } as const;

interface PendingAllocation {
  readonly readyAtMs: number;
  count: number;
}

interface PendingMemorySwitch {
  readonly atMs: number;
  readonly memoryMb: number;
}

/**
 * One run of the fleet simulation (see `simulateFleet` for the model). Time inside is in ms
 * relative to the window's start. Environments have no identity: the engine keeps counts of busy
 * and idle provisioned and on-demand environments, the idle on-demand ones as their idle-since
 * times, and a heap of completions tagged `generation × 2 + kind` (a memory change starts a new
 * generation: completions of an older one retire their environment).
 */
export class FleetSimulation {
  readonly #schedule: ArrivalSchedule;
  readonly #options: ResolvedOptions;
  readonly #model: ServiceModel;
  readonly #policy: Policy | null;
  readonly #arrivalRng: Xoshiro128;
  readonly #serviceRng: Xoshiro128;
  readonly #initRng: Xoshiro128;
  readonly #queue: FlatQueue<number>;
  readonly #idle = new IdleEnvironments();
  readonly #limiter: ScaleUpLimiter;
  readonly #minute: MinuteRecorder;
  readonly #bill: FleetBill;
  readonly #metrics: IntervalMetrics[] = [];
  readonly #configTimeline: ConfigChange[] = [];
  readonly #capacityTimeline: CapacityChange[] = [];
  readonly #pendingAllocations: PendingAllocation[] = [];
  readonly #endMs: number;
  readonly #keepAliveMs: number;
  #memorySwitch: PendingMemorySwitch | null = null;

  #requested: FleetConfig;
  #pcRequested: number;
  #memoryMb: number;
  #limit: number;
  #generation = 0;
  #odTag = 0;
  #pcTag = 1;
  #pcIdle: number;
  #pcBusy = 0;
  #pcRetiring = 0;
  #odBusy = 0;
  #oldBusy = 0;
  #nextPolicyMs: number;
  #nextControlMs = 0;
  #minuteIndex = 0;
  /** The ceiling without reserved concurrency: the account's unreserved pool left to this function. */
  #unreservedCeiling: number;

  #served = 0;
  #throttled = 0;
  #coldStarts = 0;
  #spillover = 0;
  #recordArrivalMs: Float64Array | null = null;
  #recordE2eMs: Float64Array | null = null;
  #recorded = 0;
  #arrivalBuffer = new Float64Array(1024);

  constructor(schedule: ArrivalSchedule, initial: FleetConfig, options: ResolvedOptions) {
    this.#schedule = schedule;
    this.#options = options;
    this.#model = options.serviceModel;
    this.#policy = options.policy;
    this.#arrivalRng = new Xoshiro128(options.seed, Stream.ARRIVALS);
    this.#serviceRng = new Xoshiro128(options.seed, Stream.SERVICE);
    this.#initRng = new Xoshiro128(options.seed, Stream.INIT);
    // Admission keeps concurrency ≤ the account limit, so the heap never outgrows it.
    this.#queue = new FlatQueue<number>(options.accountConcurrencyLimit, Float64Array, Uint32Array);
    this.#limiter = new ScaleUpLimiter(options.scaleUpEnvironments, options.scaleUpWindowMs);
    this.#minute = new MinuteRecorder(this.#model.cpuBoundFraction);
    this.#bill = new FleetBill(options.pricing);
    this.#endMs = schedule.minutes * MINUTE_MS;
    this.#keepAliveMs = options.keepAliveMs;

    this.#requested = { ...initial };
    this.#pcRequested = initial.provisionedConcurrency;
    this.#memoryMb = initial.memoryMb;
    this.#unreservedCeiling = options.accountConcurrencyLimit;
    this.#limit = initial.reservedConcurrency ?? this.#unreservedCeiling;
    this.#pcIdle = initial.provisionedConcurrency;
    this.#bill.setAllocation(0, this.#pcRequested, this.#memoryMb);
    this.#configTimeline.push({ atMs: schedule.startMs, config: this.#requested });
    this.#noteCapacity(0);
    this.#nextPolicyMs =
      this.#policy !== null && options.controlIntervalMs < this.#endMs
        ? options.controlIntervalMs
        : Number.POSITIVE_INFINITY;
    this.#updateNextControl();
    if (options.recordInvocations) {
      this.#recordArrivalMs = new Float64Array(schedule.total);
      this.#recordE2eMs = new Float64Array(schedule.total);
    }
  }

  /** Replays the whole window and returns the result. */
  run(): SimulationResult {
    this.advanceTo(this.#endMs);
    return this.finish();
  }

  /** Time simulated so far, ms from the window's start (a minute boundary). */
  get elapsedMs(): number {
    return this.#minuteIndex * MINUTE_MS;
  }

  /**
   * Simulates every whole minute that ends at or before `relativeMs` (ms from the window's start),
   * so a caller can act between steps (see tuner/sim/steppedFleet.ts).
   */
  advanceTo(relativeMs: number): void {
    const s = this.#schedule;
    const last = Math.min(s.minutes, Math.floor(relativeMs / MINUTE_MS));
    for (let m = this.#minuteIndex; m < last; m++) {
      const minuteStart = m * MINUTE_MS;
      // Control events at the boundary run after the previous minute closed (a policy sees it).
      this.#advanceControl(minuteStart, true);
      this.#minute.open(
        minuteStart,
        this.#concurrency(),
        this.#pcBusy,
        this.#pcIdle + this.#pcBusy,
      );
      if (s.counts !== null) {
        const n = s.counts[m] as number;
        this.#minute.reserve(n);
        if (n > 0) this.#replay(this.#placeArrivals(n, minuteStart), 0, n, null);
      } else {
        const first = s.minuteFirst as Uint32Array;
        const lo = first[m] as number;
        const hi = first[m + 1] as number;
        this.#minute.reserve(hi - lo);
        this.#replay(s.times as Float64Array, lo, hi, s.durations);
      }
      const minuteEnd = minuteStart + MINUTE_MS;
      this.#advanceControl(minuteEnd, false);
      this.#drainCompletions(minuteEnd);
      this.#metrics.push(this.#minute.close(minuteStart, s.startMs + minuteStart));
      this.#minuteIndex = m + 1;
    }
  }

  /**
   * Runs the control events due at the current instant (an allocation becoming ready, a new
   * version taking traffic), so that what a caller reads between steps is up to date. `run`
   * leaves them to the next minute's start, which comes to the same.
   */
  settle(): void {
    const at = this.elapsedMs;
    if (at < this.#endMs) {
      this.#drainCompletions(at);
      this.#advanceControl(at, true);
    }
  }

  /** The result of the minutes simulated so far (the whole window after `run`). */
  finish(): SimulationResult {
    const s = this.#schedule;
    this.#bill.requests = this.#served;
    return {
      startMs: s.startMs,
      endMs: s.startMs + this.elapsedMs,
      policy: this.#policy?.name ?? null,
      metrics: this.#metrics,
      configTimeline: this.#configTimeline,
      capacityTimeline: this.#capacityTimeline,
      totals: {
        arrivals: s.total,
        served: this.#served,
        throttled: this.#throttled,
        coldStarts: this.#coldStarts,
        spillover: this.#spillover,
      },
      cost: this.#bill.finish(this.elapsedMs, this.#memoryMb),
      invocations:
        this.#recordArrivalMs !== null && this.#recordE2eMs !== null
          ? {
              // Views, not copies: only throttled requests leave unused room at the end.
              arrivalMs: this.#recordArrivalMs.subarray(0, this.#recorded),
              e2eMs: this.#recordE2eMs.subarray(0, this.#recorded),
            }
          : null,
    };
  }

  /**
   * Places `n` arrivals in the minute starting at `minuteStart`: a Poisson process conditioned on
   * its count is `n` sorted uniforms, drawn in order in O(n) as normalised sums of exponentials.
   */
  #placeArrivals(n: number, minuteStart: number): Float64Array {
    if (n > this.#arrivalBuffer.length) {
      this.#arrivalBuffer = new Float64Array(Math.max(n, this.#arrivalBuffer.length * 2));
    }
    const buffer = this.#arrivalBuffer;
    const rng = this.#arrivalRng;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum -= Math.log(1 - rng.next());
      buffer[i] = sum;
    }
    sum -= Math.log(1 - rng.next());
    const scale = sum > 0 ? MINUTE_MS / sum : 0;
    for (let i = 0; i < n; i++) buffer[i] = minuteStart + (buffer[i] as number) * scale;
    return buffer;
  }

  /** The hot loop: arrivals `times[lo..hi)`, in order. */
  #replay(times: Float64Array, lo: number, hi: number, durations: Float64Array | null): void {
    const model = this.#model;
    const rng = this.#serviceRng;
    for (let k = lo; k < hi; k++) {
      const t = times[k] as number;
      if (t >= this.#nextControlMs) this.#advanceControl(t, true);
      this.#drainCompletions(t);
      // Drawn for every arrival, throttled or not: the i-th request gets the same draw whatever
      // the policy does (common random numbers make policy comparisons sharper).
      const serviceMs =
        durations === null ? model.sampleServiceMs(rng, this.#memoryMb) : (durations[k] as number);
      this.#admit(t, serviceMs);
    }
  }

  #admit(t: number, serviceMs: number): void {
    const concurrency = this.#pcBusy + this.#odBusy + this.#oldBusy;
    const minute = this.#minute;
    if (concurrency >= this.#limit) {
      minute.throttles++;
      this.#throttled++;
      return;
    }
    let e2eMs = serviceMs;
    if (this.#pcIdle > 0) {
      this.#pcIdle--;
      this.#pcBusy++;
      this.#queue.push(this.#pcTag, t + serviceMs);
      minute.pcState(t, this.#pcBusy, this.#pcIdle + this.#pcBusy);
      this.#bill.provisionedMs += Math.ceil(serviceMs);
    } else {
      const idle = this.#idle;
      idle.reapIdleSince(t - this.#keepAliveMs);
      if (idle.size > 0) {
        idle.takeNewest();
      } else if (this.#limiter.tryCreate(t)) {
        const initMs = this.#model.sampleInitMs(this.#initRng, this.#memoryMb);
        e2eMs = initMs + serviceMs;
        minute.recordInit(initMs);
        this.#coldStarts++;
        this.#bill.initMs += Math.ceil(initMs);
      } else {
        minute.throttles++;
        this.#throttled++;
        return;
      }
      this.#odBusy++;
      this.#queue.push(this.#odTag, t + e2eMs);
      this.#bill.onDemandMs += Math.ceil(serviceMs);
      if (this.#pcRequested > 0) {
        minute.spillover++;
        this.#spillover++;
      }
    }
    const i = minute.invocations++;
    minute.durations[i] = serviceMs;
    minute.e2e[i] = e2eMs;
    minute.serviceSumMs += serviceMs;
    if (concurrency + 1 > minute.concurrencyMax) minute.concurrencyMax = concurrency + 1;
    this.#served++;
    if (this.#recordArrivalMs !== null && this.#recordE2eMs !== null) {
      this.#recordArrivalMs[this.#recorded] = this.#schedule.startMs + t;
      this.#recordE2eMs[this.#recorded++] = e2eMs;
    }
  }

  /** Ends every invocation that completes at or before `t`. */
  #drainCompletions(t: number): void {
    const queue = this.#queue;
    const ends = queue.values;
    while (queue.length > 0 && (ends[0] as number) <= t) {
      const endMs = ends[0] as number;
      this.#complete(queue.pop() as number, endMs);
    }
  }

  #complete(tag: number, endMs: number): void {
    if (tag === this.#odTag) {
      this.#odBusy--;
      this.#idle.push(endMs);
    } else if (tag === this.#pcTag) {
      this.#pcBusy--;
      if (this.#pcRetiring > 0) this.#pcRetiring--;
      else this.#pcIdle++;
      this.#minute.pcState(endMs, this.#pcBusy, this.#pcIdle + this.#pcBusy);
    } else {
      // An environment of a replaced version: it finished its request and goes away.
      this.#oldBusy--;
    }
  }

  #concurrency(): number {
    return this.#pcBusy + this.#odBusy + this.#oldBusy;
  }

  /** Runs every control event due at or before (`inclusive`) or strictly before `limitMs`. */
  #advanceControl(limitMs: number, inclusive: boolean): void {
    while (inclusive ? this.#nextControlMs <= limitMs : this.#nextControlMs < limitMs) {
      const at = this.#nextControlMs;
      this.#drainCompletions(at);
      const allocation = this.#pendingAllocations[0];
      if (allocation !== undefined && allocation.readyAtMs === at) {
        this.#pendingAllocations.shift();
        this.#pcIdle += allocation.count;
        this.#minute.pcState(at, this.#pcBusy, this.#pcIdle + this.#pcBusy);
        this.#noteCapacity(at);
      } else if (this.#memorySwitch !== null && this.#memorySwitch.atMs === at) {
        this.#switchMemory(at, this.#memorySwitch.memoryMb);
      } else {
        this.#decide(at);
      }
      this.#updateNextControl();
    }
  }

  #updateNextControl(): void {
    const allocation = this.#pendingAllocations[0];
    this.#nextControlMs = Math.min(
      allocation !== undefined ? allocation.readyAtMs : Number.POSITIVE_INFINITY,
      this.#memorySwitch !== null ? this.#memorySwitch.atMs : Number.POSITIVE_INFINITY,
      this.#nextPolicyMs,
    );
  }

  /** Calls the policy at `at` and applies what it asks for. */
  #decide(at: number): void {
    const policy = this.#policy as Policy;
    const next = this.#options.controlIntervalMs + at;
    this.#nextPolicyMs = next < this.#endMs ? next : Number.POSITIVE_INFINITY;
    const decided = policy.decide({
      nowMs: this.#schedule.startMs + at,
      history: this.#metrics,
      config: this.#requested,
      availableProvisionedConcurrency: this.#pcIdle + this.#pcBusy - this.#pcRetiring,
    });
    validateFleetConfig(
      decided,
      `policy[${policy.name}].decision`,
      this.#options.accountConcurrencyLimit,
    );
    this.#apply(at, decided);
  }

  /**
   * Requests `config` now (at the minute boundary simulated so far), as an outside controller
   * would between steps. Throws `SimulationInputError` naming the field for a configuration the
   * simulator cannot take.
   */
  request(config: FleetConfig): void {
    validateFleetConfig(config, 'request', this.#options.accountConcurrencyLimit);
    const at = this.elapsedMs;
    this.#advanceControl(at, true);
    this.#apply(at, config);
    this.#updateNextControl();
  }

  /**
   * Sets the concurrency this function may use while it has no reserved concurrency (the
   * account's unreserved pool less what other functions use), from the current instant on.
   */
  setUnreservedCeiling(ceiling: number): void {
    this.#unreservedCeiling = Math.max(0, Math.min(ceiling, this.#options.accountConcurrencyLimit));
    if (this.#requested.reservedConcurrency === null) {
      this.#limit = this.#unreservedCeiling;
      this.#noteCapacity(this.elapsedMs);
    }
  }

  /** The configuration last requested (what the Lambda API reports). */
  get requested(): FleetConfig {
    return this.#requested;
  }

  /** Provisioned environments ready now (busy or idle, less those retiring). */
  get provisionedReady(): number {
    return this.#pcIdle + this.#pcBusy - this.#pcRetiring;
  }

  /** Memory of the version taking traffic, MB (a requested change takes traffic later). */
  get memoryInEffect(): number {
    return this.#memoryMb;
  }

  /** Environments busy at the current instant. */
  get concurrency(): number {
    return this.#concurrency();
  }

  /** The per-minute metrics of the minutes simulated so far (append-only; do not keep). */
  get metrics(): readonly IntervalMetrics[] {
    return this.#metrics;
  }

  /** Served invocations so far, when recorded: arrival times (epoch ms) and end-to-end latencies. */
  get recordedInvocations(): { arrivalMs: Float64Array; e2eMs: Float64Array } | null {
    if (this.#recordArrivalMs === null || this.#recordE2eMs === null) return null;
    return {
      arrivalMs: this.#recordArrivalMs.subarray(0, this.#recorded),
      e2eMs: this.#recordE2eMs.subarray(0, this.#recorded),
    };
  }

  /** Applies a requested configuration at `at` (relative ms). */
  #apply(at: number, decided: FleetConfig): void {
    if (sameFleetConfig(decided, this.#requested)) return;
    const previous = this.#requested;
    this.#requested = {
      memoryMb: decided.memoryMb,
      provisionedConcurrency: decided.provisionedConcurrency,
      reservedConcurrency: decided.reservedConcurrency,
    };
    this.#configTimeline.push({ atMs: this.#schedule.startMs + at, config: this.#requested });
    this.#limit = decided.reservedConcurrency ?? this.#unreservedCeiling;
    if (decided.provisionedConcurrency !== previous.provisionedConcurrency) {
      this.#resizeProvisioned(at, decided.provisionedConcurrency);
    }
    if (decided.memoryMb !== previous.memoryMb) {
      // A later request replaces a pending one; asking for the memory in effect cancels it.
      this.#memorySwitch =
        decided.memoryMb === this.#memoryMb
          ? null
          : { atMs: at + this.#options.memoryChangeDelayMs, memoryMb: decided.memoryMb };
    }
    this.#noteCapacity(at);
  }

  /**
   * Provisioned concurrency `target` requested at `at`: an increase first keeps environments that
   * were retiring, then allocates the rest after the allocation delay; a decrease cancels pending
   * allocations (newest first), then removes idle environments, then retires busy ones as they
   * finish.
   */
  #resizeProvisioned(at: number, target: number): void {
    const pending = this.#pendingAllocations;
    let pendingCount = 0;
    for (const p of pending) pendingCount += p.count;
    let committed = this.#pcIdle + this.#pcBusy - this.#pcRetiring + pendingCount;
    if (target > committed) {
      const kept = Math.min(this.#pcRetiring, target - committed);
      this.#pcRetiring -= kept;
      committed += kept;
      if (target > committed) {
        pending.push({
          readyAtMs: at + this.#options.allocationDelayMs,
          count: target - committed,
        });
      }
    } else {
      let excess = committed - target;
      while (excess > 0 && pending.length > 0) {
        const last = pending[pending.length - 1] as PendingAllocation;
        const cancelled = Math.min(last.count, excess);
        last.count -= cancelled;
        excess -= cancelled;
        if (last.count === 0) pending.pop();
      }
      const idleRemoved = Math.min(this.#pcIdle, excess);
      this.#pcIdle -= idleRemoved;
      this.#pcRetiring += excess - idleRemoved;
    }
    this.#pcRequested = target;
    this.#bill.setAllocation(at, target, this.#memoryMb);
    this.#minute.pcState(at, this.#pcBusy, this.#pcIdle + this.#pcBusy);
  }

  /**
   * The new version takes traffic at `at`: every warm on-demand environment of the old one is
   * gone (busy ones finish their request first), and all the requested provisioned concurrency is
   * ready at the new memory, allocations still pending on the old version included (the tuner
   * readies PC on the new version before it moves the alias).
   */
  #switchMemory(at: number, memoryMb: number): void {
    this.#memorySwitch = null;
    this.#bill.closeMemoryPeriod(this.#memoryMb);
    this.#oldBusy += this.#odBusy + this.#pcBusy;
    this.#odBusy = 0;
    this.#pcBusy = 0;
    this.#pcRetiring = 0;
    this.#idle.clear();
    this.#generation++;
    this.#odTag = this.#generation * 2;
    this.#pcTag = this.#generation * 2 + 1;
    this.#memoryMb = memoryMb;
    this.#pendingAllocations.length = 0;
    this.#pcIdle = this.#pcRequested;
    this.#bill.setAllocation(at, this.#pcRequested, memoryMb);
    this.#minute.pcState(at, 0, this.#pcIdle);
    this.#noteCapacity(at);
  }

  #noteCapacity(at: number): void {
    const change: CapacityChange = {
      atMs: this.#schedule.startMs + at,
      memoryMb: this.#memoryMb,
      provisionedReady: this.#pcIdle + this.#pcBusy - this.#pcRetiring,
      concurrencyLimit: this.#limit,
    };
    const last = this.#capacityTimeline[this.#capacityTimeline.length - 1];
    if (
      last !== undefined &&
      last.memoryMb === change.memoryMb &&
      last.provisionedReady === change.provisionedReady &&
      last.concurrencyLimit === change.concurrencyLimit
    ) {
      return;
    }
    this.#capacityTimeline.push(change);
  }
}
