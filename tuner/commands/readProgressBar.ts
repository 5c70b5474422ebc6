import cliProgress from 'cli-progress';

/** Fewer objects than this read quickly enough to need no bar. */
const QUIET_BELOW = 20;

/**
 * Progress of reading many objects, on stderr: a cli-progress bar on a terminal, else nothing
 * (logs stay clean; the command prints how many it read when done).
 *
 * @example
 * ```ts
 * const bar = new ReadProgressBar(process.stderr);
 * await readCycleReports(source, { onProgress: (done, total) => bar.update(done, total) });
 * bar.stop();
 * ```
 */
export class ReadProgressBar {
  readonly #stream: NodeJS.WriteStream;
  #bar: cliProgress.SingleBar | null = null;

  constructor(stream: NodeJS.WriteStream) {
    this.#stream = stream;
  }

  update(done: number, total: number): void {
    if (this.#stream.isTTY !== true || total < QUIET_BELOW) return;
    if (this.#bar === null) {
      this.#bar = new cliProgress.SingleBar(
        {
          stream: this.#stream,
          format: 'reading reports [{bar}] {value}/{total}',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      this.#bar.start(total, done);
    } else this.#bar.update(done);
  }

  stop(): void {
    this.#bar?.stop();
    this.#bar = null;
  }
}
