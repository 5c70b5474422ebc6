/**
 * The profiler's child process (not imported: bundled to `runner.mjs` by `bundleExample.ts` and
 * run as `node runner.mjs <handler module> <sample event module> <invocations>`).
 * Imports the handler module (its top level is the init: model load, `markReady()`), reports
 * when that finished, then invokes the handler sequentially with the sample event. The SDK
 * writes one EMF line per invocation on stdout; the parent reads them.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createLocalLambdaContext } from './localLambdaContext.ts';
import { formatRunnerReport } from './runnerReport.ts';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const [handlerPath, sampleEventPath, invocationsText] = process.argv.slice(2);
if (handlerPath === undefined || sampleEventPath === undefined || invocationsText === undefined) {
  throw new Error('usage: runner.ts <handler module> <sample event module> <invocations>');
}
const invocations = Number(invocationsText);

const handlerModule = (await import(pathToFileURL(handlerPath).href)) as { handler?: Handler };
// performance.now() counts from performance.timeOrigin, the start of this process.
process.stdout.write(formatRunnerReport({ readyMs: performance.now() }));
if (typeof handlerModule.handler !== 'function') {
  throw new Error(`${handlerPath} does not export a 'handler' function`);
}
// The sample is built after the init was timed, so building it does not count as init.
const sampleModule = (await import(pathToFileURL(sampleEventPath).href)) as {
  createSampleEvent?: () => unknown;
};
if (typeof sampleModule.createSampleEvent !== 'function') {
  throw new Error(`${sampleEventPath} does not export a 'createSampleEvent' function`);
}
const event = sampleModule.createSampleEvent();
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'profiled-function';
const memoryMb = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? 1769);
for (let i = 0; i < invocations; i++) {
  const result = await handlerModule.handler(
    event,
    createLocalLambdaContext({ functionName, memoryMb }),
  );
  // A profile of error answers would measure the wrong work.
  const statusCode = (result as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400) {
    throw new Error(
      `the handler answered the sample event with ${statusCode}: ${JSON.stringify(result)}`,
    );
  }
}
