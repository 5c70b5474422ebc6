/** One function of a trace file, as `listTraceFunctions` reports it. */
export interface TraceFunctionSummary {
  /** The function's id in the file (Azure's function hash; a plain CSV's file name). */
  readonly id: string;
  /** The application it belongs to (Azure's app hash), or null. */
  readonly app: string | null;
  /** The owner (Azure 2019's owner hash), or null. */
  readonly owner: string | null;
  /** The trigger (Azure 2019's original layout only: http, timer, queue, ...), or null. */
  readonly trigger: string | null;
  /** Invocations in the file. */
  readonly invocations: number;
}
