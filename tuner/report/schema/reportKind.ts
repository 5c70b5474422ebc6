/**
 * The report kinds the tuner writes, and the schema version each is written in. A reader accepts
 * exactly these versions; a change to a kind's shape bumps its version and keeps a reader for the
 * old one (see docs/decisions/0021-versioned-report-schemas.md).
 */
export const ReportKind = {
  /** One tuning cycle: what the deployed handler and the simulated shell write every cycle. */
  CYCLE: 'lambda-thermostat.cycle',
  /** Many cycles of many targets, compacted into time series: what the HTML report draws. */
  HISTORY: 'lambda-thermostat.history',
  /** Policies compared on one trace. */
  BACKTEST: 'lambda-thermostat.backtest',
  /** Profiles of one handler compared under the thermostat on one trace (`thermostat what-if`). */
  WHAT_IF: 'lambda-thermostat.what-if',
  /** The demo's run (`npm start`): the profile, and per function a backtest and the thermostat's history. */
  DEMO: 'lambda-thermostat.demo',
} as const;
export type ReportKind = (typeof ReportKind)[keyof typeof ReportKind];

/** The schema version written for each kind today. */
export const REPORT_VERSION = {
  [ReportKind.CYCLE]: 1,
  [ReportKind.HISTORY]: 1,
  [ReportKind.BACKTEST]: 1,
  [ReportKind.WHAT_IF]: 1,
  [ReportKind.DEMO]: 1,
} as const satisfies Record<ReportKind, number>;
