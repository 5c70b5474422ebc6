import { InitType, readInitType } from './initType.ts';

/**
 * AWS pre-initialises environments ahead of demand; an init that finished this long before the
 * first invocation was not waited for. OpenTelemetry's Lambda instrumentation uses the same 10 s
 * bound (`lambdaMaxInitInMilliseconds` in @opentelemetry/instrumentation-aws-lambda).
 */
export const DEFAULT_PROACTIVE_INIT_THRESHOLD_MS = 10_000;

/** What the first (or any later) invocation of this environment learns about its init. */
export interface InvocationLifecycle {
  /** True for the first invocation this process serves. */
  readonly isFirstInvocation: boolean;
  /** True when the caller waited for the init: first invocation, on-demand, not proactive. */
  readonly coldStart: boolean;
  /** Process start → ready, in ms; set on the first invocation only. */
  readonly initDurationMs: number | undefined;
  /** The environment was initialised well before its first invocation (not user-facing). */
  readonly proactiveInit: boolean;
  readonly initType: string;
}

/**
 * The process-wide state of one execution environment: when it started, when its init ended, and
 * whether its first invocation has been served. Times are `performance.now()` milliseconds, so
 * process start is 0 (`performance.timeOrigin`).
 *
 * Init ends at an explicit {@link ExecutionEnvironment.markReady} if there is one; otherwise at the
 * latest moment the module visibly did init work (wrapping the handler, loading a model outside an
 * invocation); with neither, at the first invocation.
 */
export class ExecutionEnvironment {
  #explicitReadyAt: number | undefined;
  #implicitReadyAt: number | undefined;
  #firstInvocationServed = false;
  #initType: string;
  #pendingInitWork: Array<{ durationMs: number; model?: string }> = [];
  /**
   * True in a standard Lambda environment, which never overlaps invocations; false under Lambda
   * Managed Instances (`AWS_LAMBDA_MAX_CONCURRENCY`, or its init type) and outside Lambda.
   */
  readonly oneInvocationAtATime: boolean;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#initType = readInitType(env);
    this.oneInvocationAtATime =
      env.AWS_LAMBDA_FUNCTION_NAME !== undefined &&
      env.AWS_LAMBDA_MAX_CONCURRENCY === undefined &&
      this.#initType !== InitType.LAMBDA_MANAGED_INSTANCES;
  }

  /** Ends the init phase explicitly (e.g. after a model load). Only the first call counts. */
  markReady(at: number = performance.now()): void {
    this.#explicitReadyAt ??= at;
  }

  /** Notes init work that ended at `at` (ms since process start), if the init is still going on. */
  noteInitActivity(at: number = performance.now()): void {
    if (this.#firstInvocationServed) return;
    if (this.#implicitReadyAt === undefined || at > this.#implicitReadyAt)
      this.#implicitReadyAt = at;
  }

  /** Keeps a model load that happened during init, to report it with the first invocation. */
  recordInitModelLoad(durationMs: number, model: string | undefined): void {
    this.#pendingInitWork.push({ durationMs, model });
  }

  /** Model loads done during init, handed over once (to the first invocation). */
  takeInitModelLoads(): Array<{ durationMs: number; model?: string }> {
    const loads = this.#pendingInitWork;
    this.#pendingInitWork = [];
    return loads;
  }

  get initType(): string {
    return this.#initType;
  }

  get isInitDone(): boolean {
    return this.#firstInvocationServed;
  }

  /**
   * Called at the start of every invocation; the first call closes the init phase.
   *
   * @param now - `performance.now()` at the start of the invocation.
   */
  beginInvocation(
    now: number,
    proactiveThresholdMs: number = DEFAULT_PROACTIVE_INIT_THRESHOLD_MS,
  ): InvocationLifecycle {
    if (this.#firstInvocationServed) {
      return {
        isFirstInvocation: false,
        coldStart: false,
        initDurationMs: undefined,
        proactiveInit: false,
        initType: this.#initType,
      };
    }
    this.#firstInvocationServed = true;
    const readyAt = Math.min(this.#explicitReadyAt ?? this.#implicitReadyAt ?? now, now);
    const proactiveInit = now - readyAt > proactiveThresholdMs;
    return {
      isFirstInvocation: true,
      coldStart: this.#initType === InitType.ON_DEMAND && !proactiveInit,
      initDurationMs: Math.max(0, readyAt),
      proactiveInit,
      initType: this.#initType,
    };
  }
}

/** The one environment of this process. */
export let executionEnvironment = new ExecutionEnvironment();

/**
 * Starts a fresh environment, as a new process would: for tests (cold start is per process).
 *
 * @example
 * ```ts
 * vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'provisioned-concurrency');
 * resetExecutionEnvironment();
 * ```
 */
export function resetExecutionEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): ExecutionEnvironment {
  executionEnvironment = new ExecutionEnvironment(env);
  return executionEnvironment;
}

/**
 * Ends the init phase now: call it once your module has loaded what the first request needs
 * (a model, a connection), so `InitDuration` measures exactly that.
 *
 * @example
 * ```ts
 * import { loadModel, markReady, withTelemetry } from '@lambda-thermostat/sdk';
 * const session = await loadModel('./model.onnx');
 * markReady();
 * export const handler = withTelemetry(async (event) => session.run(toFeeds(event)));
 * ```
 */
export function markReady(): void {
  executionEnvironment.markReady();
}
