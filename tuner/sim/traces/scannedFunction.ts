import type { TraceFunctionSummary } from './traceFunctionSummary.ts';

/** A function found while scanning a trace file, with its arrivals if the scan kept them. */
export interface ScannedFunction<Data> {
  readonly summary: TraceFunctionSummary;
  readonly data: Data | null;
}

/** Decides, from its identity, whether a scan keeps a function's arrivals. */
export type KeepFunction = (id: string, app: string | null, position: number) => boolean;
