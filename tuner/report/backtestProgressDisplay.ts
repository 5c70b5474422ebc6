import cliProgress from 'cli-progress';
import type { BacktestProgress } from '../backtest/index.ts';

/** Nothing is shown for work that ends sooner than this. */
const QUIET_MS = 1000;
/** Without a terminal, at most one progress line per this interval. */
const LINE_INTERVAL_MS = 2000;

/** Where and whether to show progress. */
export interface ProgressDisplayOptions {
  /** False: show nothing. */
  readonly enabled: boolean;
  /** Names the work, e.g. the function id. */
  readonly label: string;
  /** Default: `process.stderr`. */
  readonly stream?: NodeJS.WriteStream;
}

/**
 * A backtest's progress on stderr (stdout carries the tables): a cli-progress bar on a terminal,
 * otherwise a plain line every two seconds at most (logs stay readable). Shown only once the work
 * has taken a second, so quick runs stay silent.
 *
 * @example
 * ```ts
 * const display = new BacktestProgressDisplay({ enabled: true, label: 'e80f0c2ac8' });
 * await runBacktest({ ...options, onProgress: (p) => display.update(p) });
 * display.stop();
 * ```
 */
export class BacktestProgressDisplay {
  readonly #options: ProgressDisplayOptions;
  readonly #stream: NodeJS.WriteStream;
  readonly #startedMs = performance.now();
  #bar: cliProgress.SingleBar | null = null;
  #lastLineMs = Number.NEGATIVE_INFINITY;

  constructor(options: ProgressDisplayOptions) {
    this.#options = options;
    this.#stream = options.stream ?? process.stderr;
  }

  update(progress: BacktestProgress): void {
    if (!this.#options.enabled) return;
    const now = performance.now();
    if (now - this.#startedMs < QUIET_MS) return;
    const total = progress.policyCount * 100;
    const value = Math.round((progress.policyIndex + progress.fraction) * 100);
    const phase = `${progress.policy} (${progress.policyIndex + 1}/${progress.policyCount})`;
    if (this.#stream.isTTY === true) {
      if (this.#bar === null) {
        this.#bar = new cliProgress.SingleBar(
          {
            stream: this.#stream,
            format: `backtest ${this.#options.label} [{bar}] {percentage}% {phase}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        this.#bar.start(total, value, { phase });
      } else {
        this.#bar.update(value, { phase });
      }
      return;
    }
    if (now - this.#lastLineMs >= LINE_INTERVAL_MS) {
      this.#lastLineMs = now;
      this.#stream.write(
        `backtest ${this.#options.label}: ${Math.floor((value / total) * 100)}% ${phase}\n`,
      );
    }
  }

  stop(): void {
    this.#bar?.stop();
    this.#bar = null;
  }
}
