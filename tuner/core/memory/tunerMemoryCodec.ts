/**
 * TunerMemory ⇄ JSON text. Decoding never throws: memory is an optimisation of the tuner's
 * judgement, not a precondition, so a corrupt document (or one target's corrupt entry) is
 * replaced by a fresh start, with a note that says what was dropped and why.
 */
import { z } from 'zod';
import {
  decodeObservationHistory,
  encodeObservationHistory,
  type ObservationHistory,
} from '../observe/observationHistory.ts';
import { emptyTunerMemory, type TargetMemory, type TunerMemory } from '../plan/tunerMemory.ts';
import type { BudgetLedger } from '../slo/budgetLedger.ts';

const knobChange = z.object({ atMs: z.number(), direction: z.enum(['up', 'down']) });

const fleetConfig = z.object({
  memoryMb: z.number(),
  provisionedConcurrency: z.number(),
  reservedConcurrency: z.number().nullable(),
});

/** One target's SLO ledger (../slo/budgetLedger.ts). */
const budgetLedgerSchema = z.object({
  countedToMs: z.number(),
  buckets: z
    .array(z.object({ startMs: z.number(), good: z.number().min(0), bad: z.number().min(0) }))
    .readonly(),
  uncounted: z.number().min(0),
});

/** One target's memory; unknown keys are dropped (a newer tuner may have written more). */
const targetMemorySchema = z.object({
  safetyMargin: z.number().min(0).max(1),
  missPrice: z.object({ priceUsd: z.number(), plannedMissRate: z.number() }).optional(),
  missCalibration: z
    .object({ observedMisses: z.number().min(0), predictedMisses: z.number().min(0) })
    .optional(),
  releaseHolding: z
    .object({ releasedWindows: z.number().min(0), reversals: z.number().min(0) })
    .optional(),
  lastChange: z.object({
    provisionedConcurrency: knobChange.optional(),
    memory: knobChange.optional(),
    reservedConcurrency: knobChange.optional(),
  }),
  memorySince: z
    .object({
      memoryMb: z.number(),
      sinceMs: z.number(),
      previous: z.object({ memoryMb: z.number(), sinceMs: z.number() }).optional(),
    })
    .optional(),
  lastPrediction: z
    .object({
      windowStartMs: z.number(),
      windowMinutes: z.number(),
      // JSON has no Infinity: an unbounded prediction comes back as null.
      predictedP99Ms: z.number().nullable(),
      missProbability: z.number(),
      firstWindowMissProbability: z.number().min(0).max(1).optional(),
      meetsTarget: z.boolean(),
    })
    .optional(),
  rollbackWatch: z
    .object({
      untilMs: z.number(),
      changedAtMs: z.number(),
      previous: fleetConfig,
      baselineErrorRate: z.number(),
      baselineThrottleRate: z.number(),
    })
    .optional(),
});

/** What was decoded, and anything a reader of the report should know about it. */
export interface DecodedTunerMemory {
  readonly memory: TunerMemory;
  /** True when nothing usable was found: every target starts fresh. */
  readonly fresh: boolean;
  readonly notes: readonly string[];
}

/**
 * Serialises memory for a store.
 *
 * @example
 * ```ts
 * await store.save(encodeTunerMemory(memory));
 * ```
 */
export function encodeTunerMemory(memory: TunerMemory): string {
  const observed = memory.observed;
  const document =
    observed === undefined
      ? memory
      : {
          ...memory,
          observed: Object.fromEntries(
            Object.entries(observed).map(([key, history]) => [
              key,
              encodeObservationHistory(history),
            ]),
          ),
        };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Parses stored memory. A document that is not JSON, or not version 1, gives a fresh memory; a
 * malformed target entry is dropped (that target starts fresh), the others are kept. A target's
 * observed minutes (`observed`, absent from memories written before they were kept) of an
 * unknown format or malformed are dropped alone: that target's minutes are read again.
 *
 * @example
 * ```ts
 * const { memory, notes } = decodeTunerMemory(await store.load() ?? '');
 * decodeTunerMemory('{oops').fresh; // true, with a note saying why
 * ```
 */
export function decodeTunerMemory(text: string): DecodedTunerMemory {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return fresh(`not JSON (${(error as Error).message})`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    return fresh('not a JSON object');
  const { version, targets, observed, budgets } = document as {
    version?: unknown;
    targets?: unknown;
    observed?: unknown;
    budgets?: unknown;
  };
  if (version !== 1) return fresh(`unknown memory version ${JSON.stringify(version) ?? 'none'}`);
  if (typeof targets !== 'object' || targets === null || Array.isArray(targets))
    return fresh('no targets object');

  const kept: Record<string, TargetMemory> = {};
  const notes: string[] = [];
  for (const [key, value] of Object.entries(targets)) {
    const parsed = targetMemorySchema.safeParse(value);
    if (parsed.success) kept[key] = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      const where =
        issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
      notes.push(
        `memory of ${key} is malformed (${where}${issue?.message ?? 'invalid'}): that target starts fresh`,
      );
    }
  }
  const histories = decodeObserved(observed, notes);
  const ledgers = decodeBudgets(budgets, notes);
  return {
    memory: {
      version: 1,
      targets: kept,
      ...(histories === undefined ? {} : { observed: histories }),
      ...(ledgers === undefined ? {} : { budgets: ledgers }),
    },
    fresh: false,
    notes,
  };
}

/** What a per-target section of the memory is called in notes, and how one entry is read. */
interface PerTargetSection<T> {
  /** A note when the section is not an object. */
  readonly whole: string;
  /** A note for a key whose entry is dropped, given why. */
  readonly dropped: (key: string, why: string) => string;
  /** The entry, or why it cannot be read. */
  readonly decode: (value: unknown) => T | string;
}

/**
 * A per-target section of the memory (absent from memories written before it): a section that
 * is not an object is dropped whole, a malformed entry alone, each with a note.
 */
function decodePerTarget<T>(
  section: unknown,
  notes: string[],
  how: PerTargetSection<T>,
): Record<string, T> | undefined {
  if (section === undefined) return undefined;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    notes.push(how.whole);
    return undefined;
  }
  const kept: Record<string, T> = {};
  for (const [key, value] of Object.entries(section)) {
    const decoded = how.decode(value);
    if (typeof decoded === 'string') notes.push(how.dropped(key, decoded));
    else kept[key] = decoded;
  }
  return kept;
}

function decodeObserved(
  observed: unknown,
  notes: string[],
): Record<string, ObservationHistory> | undefined {
  return decodePerTarget(observed, notes, {
    whole: 'observed minutes are not an object: every target reads its minutes again',
    dropped: (key, why) => `observed minutes of ${key} discarded (${why}): they are read again`,
    decode: decodeObservationHistory,
  });
}

/** The SLO ledgers; a malformed one is dropped alone and its budget counted anew. */
function decodeBudgets(
  budgets: unknown,
  notes: string[],
): Record<string, BudgetLedger> | undefined {
  return decodePerTarget(budgets, notes, {
    whole: 'error budget ledgers are not an object: every target counts its budget anew',
    dropped: (key, why) =>
      `error budget ledger of ${key} is malformed (${why}): its budget is counted anew`,
    decode: (value) => {
      const parsed = budgetLedgerSchema.safeParse(value);
      return parsed.success ? parsed.data : (parsed.error.issues[0]?.message ?? 'invalid');
    },
  });
}

function fresh(reason: string): DecodedTunerMemory {
  return {
    memory: emptyTunerMemory(),
    fresh: true,
    notes: [`stored memory is unusable (${reason}): every target starts fresh`],
  };
}
