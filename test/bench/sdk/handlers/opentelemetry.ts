// OpenTelemetry's Lambda instrumentation, set up as its documentation shows (spans only).
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { AwsLambdaInstrumentation } from '@opentelemetry/instrumentation-aws-lambda';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

const provider = new NodeTracerProvider();
provider.register();
registerInstrumentations({ instrumentations: [new AwsLambdaInstrumentation()] });

export const handler = async (_event: unknown, _context: unknown) => ({ ok: true });
