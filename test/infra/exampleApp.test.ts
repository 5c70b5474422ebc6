/**
 * The example app (infra/examples/): cdk-nag's AwsSolutions pack finds nothing unacknowledged,
 * every acknowledgement carries its reason, and the OCR function with its pruned onnxruntime
 * layer stays within Lambda's 250 MB unzipped limit (sizes printed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { OcrInferenceStack } from '../../infra/examples/ocrInferenceStack.ts';
import {
  directoryBytes,
  LAMBDA_UNZIPPED_LIMIT_BYTES,
} from '../../infra/examples/onnxRuntimeLayer.ts';
import { ACCOUNT, REGION } from './support/tunerStacks.ts';

function nagApp(): App {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'thermostat-nag-')),
    builtinCloudFormationValidation: false,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        // CDK records each as { '<plugin>::<rule id>': reason }.
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^AwsSolutions::/, ''),
          reason,
        })),
      ),
  );
}

describe('the example app', () => {
  const app = nagApp();
  const stack = new OcrInferenceStack(app, 'OcrInference', {
    env: { account: ACCOUNT, region: REGION },
  });

  it('passes cdk-nag AwsSolutions with nothing unacknowledged', () => {
    // Act & Assess: the plugin fails synth on any unacknowledged finding
    expect(() => app.synth()).not.toThrow();
  });

  it('gives every acknowledgement its reason, one wildcard at a time', () => {
    // Act
    const acks = acknowledgements(stack);

    // Assess
    expect(acks.map((a) => a.id).sort()).toEqual(
      [
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-IAM5[Resource::<Ocr2D1ED3E6.Arn>:*]',
        'AwsSolutions-IAM5[Resource::<TunerReportsBucket1E8B1355.Arn>/thermostat/*]',
        'AwsSolutions-IAM5[Resource::<TunerFunctionAD89BC1A.Arn>:*]',
        'AwsSolutions-S1',
      ].sort(),
    );
    for (const ack of acks) expect(ack.reason.length, ack.id).toBeGreaterThan(40);
  });

  it('keeps the function and its layer within 250 MB unzipped', () => {
    // Prepare
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
    };
    const ocrId = stack.getLogicalId(stack.ocr.node.defaultChild as never);
    const hash = template.Resources[ocrId]?.Properties.Code?.S3Key?.replace('.zip', '');

    // Act
    const functionBytes = directoryBytes(join(assembly.directory, `asset.${hash}`));
    const total = functionBytes + stack.layerBytes;
    console.log(
      `OCR function ${(functionBytes / 1024).toFixed(1)} KB + onnxruntime layer (linux/arm64) ${(stack.layerBytes / 1024 / 1024).toFixed(1)} MB = ${(total / 1024 / 1024).toFixed(1)} MB unzipped (limit 250 MB)`,
    );

    // Assess
    expect(functionBytes).toBeGreaterThan(10_000);
    expect(stack.layerBytes).toBeLessThan(40 * 1024 * 1024);
    expect(total).toBeLessThanOrEqual(LAMBDA_UNZIPPED_LIMIT_BYTES);
  });
});

describe('cdk-nag on the construct', () => {
  it('does fail synth on a finding nobody acknowledged', () => {
    // Prepare
    const app = nagApp();
    const stack = new Stack(app, 'Unacknowledged', { env: { account: ACCOUNT, region: REGION } });
    new Role(stack, 'Wide', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    }).addToPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }),
    );

    // Act & Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::arn:aws:s3:::b\/\*\]/);
  });
});
