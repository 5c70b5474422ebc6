/**
 * Stacks for the construct's tests: target functions with fixed names in a fixed account and
 * Region (so the synthesized ARNs can be resolved and evaluated), and an `InferenceTuner` on them.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Alias, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { InferenceTuner, type InferenceTunerProps } from '../../../infra/index.ts';
import type { SloInput } from '../../../tuner/core/config/sloSchema.ts';
import type { Knob } from '../../../tuner/core/plan.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/**
 * An app for tests: one output directory per test process, so the tuner's bundle (keyed by it in
 * the CDK's asset cache) is built once per process, not once per stack; the CDK's built-in
 * template validation off, because cfn-lint checks every template (test/infra/cfnLint.test.ts).
 *
 * @example
 * ```ts
 * const stack = new Stack(testApp(), 'S');
 * ```
 */
export function testApp(): App {
  return new App({
    outdir: join(tmpdir(), `thermostat-cdk-test-${process.pid}`),
    builtinCloudFormationValidation: false,
  });
}

/** A function to create in the stack, its alias `live`, and the knobs the tuner turns on it. */
export interface TargetSpec {
  readonly name: string;
  readonly tune?: readonly Knob[];
  /** The target's SLO as the config takes it. Default `{ p99Ms: 300 }`. */
  readonly slo?: SloInput;
}

/** The synthesized stack. */
export interface TunerStack {
  readonly stack: Stack;
  readonly tuner: InferenceTuner;
  readonly template: Template;
}

/**
 * Builds a stack with the target functions and the tuner, and synthesizes it.
 *
 * @example
 * ```ts
 * const { template } = tunerStack([{ name: 'ocr', tune: ['memory'] }]);
 * ```
 */
export function tunerStack(
  specs: readonly TargetSpec[],
  props: Partial<InferenceTunerProps> = {},
): TunerStack {
  const app = testApp();
  const stack = new Stack(app, 'TunerTest', { env: { account: ACCOUNT, region: REGION } });
  const targets = specs.map((spec) => {
    const fn = new LambdaFunction(stack, `Fn-${spec.name}`, {
      functionName: spec.name,
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => ({});'),
    });
    const alias = new Alias(stack, `Live-${spec.name}`, {
      aliasName: 'live',
      version: fn.currentVersion,
    });
    return {
      alias,
      slo: spec.slo ?? { p99Ms: 300 },
      ...(spec.tune === undefined ? {} : { tune: spec.tune }),
    };
  });
  const tuner = new InferenceTuner(stack, 'Tuner', { targets, ...props });
  return { stack, tuner, template: Template.fromStack(stack) };
}
