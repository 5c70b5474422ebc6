/**
 * Every AWS client the tuner builds, against moto_server behind a proxy that misbehaves: an
 * endpoint that accepts and never answers fails each call with a TimeoutError (the request
 * timeout every client gets from sharedClientConfig), and an authorisation failure answered in
 * XML reaches the user as the service's code and message, not a JSON parse error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTunerConfig } from '../../../tuner/aws/cycle/tunerConfigSource.ts';
import {
  CloudWatchMetricsSource,
  LambdaApi,
  S3ReportSink,
  S3TunerMemoryStore,
  StsCallerIdentity,
} from '../../../tuner/aws/index.ts';
import { errorSummary } from '../../../tuner/core/errorSummary.ts';
import {
  type FaultProxy,
  SERVICE_ERROR,
  startFaultProxy,
  xmlAccessDenied,
} from '../../support/faultProxy.ts';
import { useMotoServer } from '../../support/moto.ts';

const moto = useMotoServer();
const NOW = Date.parse('2026-11-27T12:00:00Z');

/** What each client calls first, for the stalled endpoint. */
const FIRST_CALLS: Record<string, (aws: object) => Promise<unknown>> = {
  'Lambda (GetFunctionConfiguration)': (aws) =>
    new LambdaApi({ aws }).getConfiguration({ functionName: 'ocr' }),
  'CloudWatch (GetMetricData)': async (aws) => {
    const observed = await new CloudWatchMetricsSource({ aws }).observe(
      [{ ref: { functionName: 'ocr', qualifier: 'live' }, sloP99Ms: 300 }],
      { startMs: NOW - 3_600_000, endMs: NOW, periodSec: 60 },
    );
    const [only] = observed.values();
    if (only instanceof Error) throw only;
    return only;
  },
  'S3 memory (GetObject)': (aws) => new S3TunerMemoryStore('s3://tuner/x/', { aws }).load(),
  'S3 reports (PutObject)': (aws) =>
    new S3ReportSink('s3://tuner/x/', { aws }).write('r.json', '{}', 'application/json'),
  'SSM (GetParameter)': (aws) => loadTunerConfig({ THERMOSTAT_CONFIG_SSM: '/tuner' }, { aws }),
  'STS (GetCallerIdentity)': (aws) => new StsCallerIdentity({ aws }).callerAccount('us-east-1'),
};

describe.skipIf(moto.skipped)('clients against a faulty endpoint', () => {
  let proxy: FaultProxy;
  const aws = () => ({
    endpoint: proxy.endpoint,
    region: 'us-east-1',
    credentials: moto.clientConfig().credentials,
    maxAttempts: 1,
    requestTimeoutMs: 1_000,
  });

  beforeAll(async () => {
    proxy = await startFaultProxy(moto.endpoint);
  });

  afterAll(async () => {
    await proxy.stop();
  });

  beforeEach(() => {
    proxy.clear();
  });

  it.each(Object.keys(FIRST_CALLS))(
    '%s: a stalled call fails with a TimeoutError',
    async (name) => {
      // Prepare
      proxy.inject({ match: /./, fault: { kind: 'stall' } });

      // Act
      const outcome = await (FIRST_CALLS[name] as (aws: object) => Promise<unknown>)(aws()).then(
        () => null,
        (error: unknown) => error,
      );

      // Assess
      expect(proxy.faulted.length).toBeGreaterThan(0);
      const { name: errorName, message } = errorSummary(outcome);
      // The request's timeout, or on a loaded machine the connection's: both TimeoutErrors.
      expect(`${errorName}: ${message}`).toMatch(/(^|\()TimeoutError: /);
    },
  );

  it('reports an XML authorisation failure by its code and message', async () => {
    // Prepare
    const resource = 'arn:aws:lambda:us-east-1:123456789012:function:ocr';
    proxy.inject({
      match: /^lambda PUT .*\/configuration$/,
      fault: xmlAccessDenied('lambda:UpdateFunctionConfiguration', resource),
    });

    // Act
    const error = await new LambdaApi({ aws: aws() })
      .updateMemory({ functionName: 'ocr' }, 2048, undefined)
      .catch((e: unknown) => e);

    // Assess
    expect(errorSummary(error)).toEqual({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::123456789012:user/tuner is not authorized to perform: lambda:UpdateFunctionConfiguration on resource: ${resource}`,
    });
  });

  it('still reads JSON errors as the SDK does', async () => {
    // Prepare
    proxy.inject({ match: /^lambda GET /, fault: SERVICE_ERROR });

    // Act
    const error = await new LambdaApi({ aws: aws() })
      .getConfiguration({ functionName: 'ocr' })
      .catch((e: unknown) => e);

    // Assess
    expect(errorSummary(error)).toEqual({ name: 'ServiceException', message: 'internal error' });
  });
});
