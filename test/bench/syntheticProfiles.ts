/**
 * Writes the synthetic profiles the results are also measured on, unlike the OCR one (a cold start
 * about 3× its warm service, CPU-bound, one thread): `cold-20x` — a 40 ms handler whose cold start
 * is 20× that (a large model loaded at init), partly I/O-bound, two threads — and `cold-3x-io` —
 * a 150 ms, mostly I/O-bound handler at 1,024 MB whose cold start is 3× its service. Samples are
 * log-normal draws from a fixed seed, so the files are reproducible.
 * Run: npx tsx test/bench/syntheticProfiles.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Xoshiro128 } from '../../tuner/sim/random/xoshiro128.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

interface SyntheticProfile {
  readonly name: string;
  readonly memoryMb: number;
  readonly serviceMedianMs: number;
  readonly initMultiple: number;
  readonly cpuBoundFraction: number;
  readonly maxThreads: number;
}

const PROFILES: readonly SyntheticProfile[] = [
  {
    name: 'cold-20x',
    memoryMb: 1769,
    serviceMedianMs: 40,
    initMultiple: 20,
    cpuBoundFraction: 0.6,
    maxThreads: 2,
  },
  {
    name: 'cold-3x-io',
    memoryMb: 1024,
    serviceMedianMs: 150,
    initMultiple: 3,
    cpuBoundFraction: 0.2,
    maxThreads: 1,
  },
];

function lognormal(rng: Xoshiro128, median: number, sigma: number): number {
  const u = Math.max(rng.next(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  return Math.round(median * Math.exp(sigma * z) * 10) / 10;
}

for (const [i, p] of PROFILES.entries()) {
  const rng = new Xoshiro128(2026, i);
  const profile = {
    name: p.name,
    memoryMb: p.memoryMb,
    initMs: Array.from({ length: 5 }, () =>
      lognormal(rng, p.serviceMedianMs * p.initMultiple, 0.05),
    ),
    serviceMs: Array.from({ length: 60 }, () => lognormal(rng, p.serviceMedianMs, 0.12)),
    cpuBoundFraction: p.cpuBoundFraction,
    maxThreads: p.maxThreads,
  };
  const file = join(root, 'examples/profiles', `${p.name}.json`);
  writeFileSync(file, `${JSON.stringify(profile, null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
}
