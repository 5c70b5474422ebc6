/**
 * The bounds every trace reader checks before it keeps anything, so that what a file makes the
 * tools allocate is a bounded multiple of what it asks them to simulate: the simulator and the
 * backtests allocate per minute of a trace's span and per invocation, so a three-row file whose
 * timestamps span decades, or one count of 2³², would otherwise ask for gigabytes
 * (docs/decisions/0010-bounded-strict-inputs.md).
 */
export const TraceLimits = {
  /**
   * The longest span a trace may cover, minutes (31 days). The Azure traces cover 14 days; a
   * backtest of one day already takes tens of seconds.
   */
  MAX_SPAN_MINUTES: 31 * 24 * 60,
  /** The most invocations one function of a trace may hold (per minute and in all). */
  MAX_INVOCATIONS: 100_000_000,
  /**
   * The longest duration a trace may give one invocation, seconds (a day: longer than any
   * serverless platform runs an invocation, Lambda stops at 15 minutes; more is a unit mistake).
   */
  MAX_DURATION_SEC: 24 * 60 * 60,
  /**
   * The latest plain-CSV timestamp, epoch ms: the last instant a JavaScript `Date` can hold
   * (year 275760), below 2⁵³ so every whole millisecond is exact.
   */
  MAX_EPOCH_MS: 8.64e15,
  /**
   * The longest line, characters: an Azure 2019 row of 31 days of minutes with 9-digit counts
   * is about 450,000.
   */
  MAX_LINE_CHARS: 1 << 20,
} as const;
