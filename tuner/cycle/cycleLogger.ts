/** Where a cycle reports its progress and troubles (the Lambda log, a terminal's stderr). */
export interface CycleLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * A logger that says nothing (tests, embedding).
 *
 * @example
 * ```ts
 * await runTuningCycle({ ...ports, logger: silentLogger });
 * ```
 */
export const silentLogger: CycleLogger = {
  info: () => {},
  warn: () => {},
};
