// Powertools for AWS Lambda Metrics emitting what the thermostat's default metric set carries (end-to-end
// latency, init duration on a cold start, CPU time, and its own cold-start metric): the same work.
import { powertoolsSameSignals } from './powertoolsSameSignals.ts';

export const handler = powertoolsSameSignals();
