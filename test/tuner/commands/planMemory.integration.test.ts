/**
 * `thermostat plan --memory s3://…` reads the deployed tuner's memory and never writes it: plan
 * changes nothing, in the functions or in the tuner's state.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCycleCommand } from '../../../tuner/commands/cycleCommand.ts';
import { useMotoServer } from '../../support/moto.ts';
import { CYCLE_NOW_MS, deployOcrWithAnHourOfMetrics } from './support/motoDeployment.ts';

const moto = useMotoServer();
const STORED = JSON.stringify({
  version: 1,
  targets: { ':ocr:live': { safetyMargin: 1.4, lastChange: {} } },
});

describe.skipIf(moto.skipped)("thermostat plan and the deployed tuner's memory", () => {
  let directory = '';

  beforeEach(async () => {
    await moto.reset();
    directory = await mkdtemp(join(tmpdir(), 'thermostat-plan-memory-'));
    await deployOcrWithAnHourOfMetrics(moto);
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads it and leaves it as it was', async () => {
    // Prepare
    const s3 = new S3Client({ ...moto.clientConfig(), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'tuner' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'tuner', Key: 'prod/state/memory.json', Body: STORED }),
    );
    const config = join(directory, 'thermostat.yaml');
    await writeFile(config, 'targets:\n  - { function: ocr, alias: live, slo: { p99Ms: 120 } }\n');
    let stdout = '';

    // Act
    const code = await runCycleCommand(
      'plan',
      {
        config,
        reportDir: join(directory, 'reports'),
        endpoint: moto.endpoint,
        region: 'us-east-1',
        memory: 's3://tuner/prod/',
      },
      {
        stdout: (text) => {
          stdout += text;
        },
        stderr: () => {},
        aws: { credentials: moto.clientConfig().credentials, maxAttempts: 2 },
        clock: { now: () => CYCLE_NOW_MS, sleep: async () => {} },
        plannerOptions: { replications: 4 },
      },
    );

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain(
      'the memory at s3://tuner/prod/state/memory.json is only read here: it is left as it was',
    );
    const after = await s3.send(
      new GetObjectCommand({ Bucket: 'tuner', Key: 'prod/state/memory.json' }),
    );
    expect(await after.Body?.transformToString()).toBe(STORED);
  });
});
