import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTelemetry } from '../../sdk/index.ts';
import {
  ExecutionEnvironment,
  resetExecutionEnvironment,
} from '../../sdk/lifecycle/executionEnvironment.ts';
import { capturingWriter } from '../support/emfSpecification.ts';
import { lambdaContext } from '../support/lambdaFixtures.ts';

describe('cold start and init, the careful way', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  describe('ExecutionEnvironment (times in ms since process start)', () => {
    it('counts a user-facing cold start only on the first on-demand invocation', () => {
      // Prepare
      const env = new ExecutionEnvironment({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' });
      env.noteInitActivity(800);
      // Act
      const first = env.beginInvocation(805);
      const second = env.beginInvocation(900);
      // Assess
      expect(first).toMatchObject({
        isFirstInvocation: true,
        coldStart: true,
        initDurationMs: 800,
        proactiveInit: false,
      });
      expect(second).toMatchObject({
        isFirstInvocation: false,
        coldStart: false,
        initDurationMs: undefined,
      });
    });

    it.each([
      'provisioned-concurrency',
      'snap-start',
      'lambda-managed-instances',
      'some-future-type',
    ])(
      'never counts a %s init as a user-facing cold start, but still reports its init duration',
      (initType) => {
        // Prepare
        const env = new ExecutionEnvironment({ AWS_LAMBDA_INITIALIZATION_TYPE: initType });
        env.noteInitActivity(1200);
        // Act
        const first = env.beginInvocation(1210);
        // Assess
        expect(first).toMatchObject({ coldStart: false, initDurationMs: 1200, initType });
      },
    );

    it('treats a long gap between ready and the first invocation as a proactive init', () => {
      // Prepare
      const env = new ExecutionEnvironment({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' });
      env.noteInitActivity(700);
      // Act
      const first = env.beginInvocation(700 + 10_001);
      // Assess
      expect(first).toMatchObject({ coldStart: false, proactiveInit: true, initDurationMs: 700 });
    });

    it('ends init at markReady() rather than at later module activity', () => {
      // Prepare
      const env = new ExecutionEnvironment({});
      env.noteInitActivity(100);
      env.markReady(450);
      env.noteInitActivity(460);
      // Act
      const first = env.beginInvocation(470);
      // Assess
      expect(first.initDurationMs).toBe(450);
      expect(first.coldStart).toBe(true); // no variable: a local run behaves like on-demand
    });

    it('falls back to the first invocation when nothing marked the end of init', () => {
      const env = new ExecutionEnvironment({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' });
      expect(env.beginInvocation(321).initDurationMs).toBe(321);
    });
  });

  describe('through withTelemetry', () => {
    beforeEach(() => {
      vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
      resetExecutionEnvironment();
    });

    it('adds InitDuration to EndToEndLatency only on the user-facing cold start', async () => {
      // Prepare
      const capture = capturingWriter();
      const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
        writer: capture.write,
        mode: 'per-invocation', // each request's own document
      });
      // Act
      await handler({}, lambdaContext());
      await handler({}, lambdaContext());
      // Assess
      const [cold, warm] = capture.documents as Array<Record<string, number | boolean>>;
      expect(cold?.coldStart).toBe(true);
      expect(cold?.InitDuration).toBeGreaterThan(0);
      expect(cold?.initDurationMs).toBe(cold?.InitDuration);
      expect(cold?.EndToEndLatency).toBeCloseTo(
        (cold?.InvokeLatency as number) + (cold?.InitDuration as number),
        2,
      );
      expect(warm?.coldStart).toBe(false);
      expect(warm?.InitDuration).toBeUndefined();
      expect(warm?.initDurationMs).toBeUndefined();
      expect(warm?.EndToEndLatency).toBe(warm?.InvokeLatency);
    });

    it('writes the init of a provisioned environment as a property, not as InitDuration, and PC pricing', async () => {
      // Prepare
      vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'provisioned-concurrency');
      resetExecutionEnvironment();
      const capture = capturingWriter();
      const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
        writer: capture.write,
        mode: 'per-invocation', // each request's own document
        architecture: 'x86_64',
      });
      // Act
      await handler({}, lambdaContext({ memoryLimitInMB: '1024' }));
      // Assess
      const doc = capture.documents[0] as Record<string, number>;
      expect(capture.documents[0]?.coldStart).toBe(false);
      // InitDuration counts the cold starts callers waited for: not this one.
      expect(doc.InitDuration).toBeUndefined();
      expect(doc.initDurationMs).toBeGreaterThan(0);
      expect(doc.EndToEndLatency).toBe(doc.InvokeLatency);
      const billedMs = Math.ceil(doc.InvokeLatency as number);
      expect(doc.Cost).toBeCloseTo(0.2e-6 + (billedMs / 1000) * 0.0000097222, 12);
      expect(capture.documents[0]?.initType).toBe('provisioned-concurrency');
    });

    it('bills the INIT of an on-demand cold start in the Cost metric', async () => {
      // Prepare
      const capture = capturingWriter();
      const handler = withTelemetry(async (_e: unknown, _c: unknown) => 'ok', {
        writer: capture.write,
        architecture: 'x86_64',
      });
      // Act
      await handler({}, lambdaContext({ memoryLimitInMB: '1024' }));
      // Assess
      const doc = capture.documents[0] as Record<string, number>;
      const billed = Math.ceil(doc.InvokeLatency as number) + Math.ceil(doc.InitDuration as number);
      // Metrics are rounded to the microsecond, so allow one billed ms of slack either way.
      expect(
        Math.abs((doc.Cost as number) - (0.2e-6 + (billed / 1000) * 0.0000166667)),
      ).toBeLessThanOrEqual(0.0000166667 / 1000 + 1e-15);
    });
  });
});
