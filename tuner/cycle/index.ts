/**
 * The tuning cycle (`tuner/cycle`): observe → read state → plan → act → remember → report, over
 * the ports of tuner/core/ports.ts only. Every shell (AWS in tuner/aws, the simulated account in
 * tuner/local) runs this same code; no file here talks to AWS.
 */
export { type CycleLogger, silentLogger } from './cycleLogger.ts';
export {
  type CycleReport,
  CycleStatus,
  type ReportWindow,
  type TargetReport,
} from './cycleReport.ts';
export { renderCycleSummary } from './cycleSummaryMarkdown.ts';
export { type HistoryWindows, historyWindows } from './historyWindows.ts';
export { cycleReportName, LATEST_REPORT_NAME } from './reportNames.ts';
export { runTuningCycle, type TuningCycleInput, type TuningCycleResult } from './tuningCycle.ts';
