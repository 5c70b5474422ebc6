import { fileURLToPath } from 'node:url';

/** The bundled trace the demo replays (Azure Functions 2019 sample; attribution beside it). */
export const DEMO_TRACE_FILE = fileURLToPath(
  new URL('../../examples/traces/azure2019/100_inv.csv', import.meta.url),
);

/** A function of the demo trace, and why it is in the demo. */
export interface DemoFunction {
  readonly role: string;
  readonly id: string;
  readonly why: string;
}

/**
 * The two functions the demo backtests, chosen from the 100 of the bundled trace to show the two
 * regimes a provisioning policy must handle.
 */
export const DEMO_FUNCTIONS: readonly DemoFunction[] = [
  {
    role: 'busy',
    id: 'e80f0c2ac8a3aa86f69484d86e060cf594ea9da5887b9c5f9b739ef6c9e7804b',
    why:
      'the busiest function of the sample: 195,064 requests a day, traffic in every minute ' +
      '(up to 298 a minute): environments stay warm, so the question is what capacity costs',
  },
  {
    role: 'sparse',
    id: '074d7db5790cd48f87f3735d285a3f4c758ddf00d8992d920629ca532564f7f7',
    why:
      '2,666 requests a day in only 105 active minutes, gaps of up to 8 hours and bursts of up ' +
      'to 344 a minute: nearly every burst starts cold, so cold starts decide its p99',
  },
];
