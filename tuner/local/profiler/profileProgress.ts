import cliProgress from 'cli-progress';

/**
 * The profiler's progress bar on stderr (stdout may carry the profile). A no-op when disabled,
 * so callers report progress unconditionally.
 *
 * @example
 * ```ts
 * const progress = new ProfileProgress({ enabled: process.stderr.isTTY, total: 36 });
 * progress.advance('cold start 1/3');
 * progress.stop();
 * ```
 */
export class ProfileProgress {
  readonly #bar: cliProgress.SingleBar | undefined;

  constructor(options: { enabled: boolean; total: number }) {
    if (!options.enabled) return;
    this.#bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: 'profile [{bar}] {value}/{total} {phase}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    this.#bar.start(options.total, 0, { phase: 'starting' });
  }

  /** One more step done; `phase` says what is running now. */
  advance(phase: string): void {
    this.#bar?.increment(1, { phase });
  }

  /** Names the running phase without counting a step. */
  describe(phase: string): void {
    this.#bar?.update({ phase });
  }

  stop(): void {
    this.#bar?.stop();
  }
}
