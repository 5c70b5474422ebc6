import type { ReportSink } from '../../core/ports.ts';

/**
 * Keeps every report written to it, in order, and passes each on to another sink when given
 * one (the CLI's report directory): a backtest reads back the cycle reports it produced.
 *
 * @example
 * ```ts
 * const sink = new CollectingReportSink();
 * await runTuningCycle({ ...ports, reportSink: sink });
 * sink.written[0]?.name; // 'reports/2026-11-27T12-05-00Z.json'
 * ```
 */
export class CollectingReportSink implements ReportSink {
  readonly written: { readonly name: string; readonly body: string }[] = [];
  readonly #next: ReportSink | undefined;

  constructor(next?: ReportSink) {
    this.#next = next;
  }

  async write(name: string, body: string, contentType: string): Promise<string> {
    this.written.push({ name, body });
    return this.#next === undefined
      ? `simulated://${name}`
      : this.#next.write(name, body, contentType);
  }
}
