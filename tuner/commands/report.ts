import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { AwsClientOptions } from '../aws/awsClientOptions.ts';
import { S3ReportSource } from '../aws/s3ReportSource.ts';
import { DirectoryReportSource } from '../local/directoryReportSource.ts';
import { FileReportSink } from '../local/fileReportSink.ts';
import { buildHistory } from '../report/history/buildHistory.ts';
import { InvalidReportError, UnknownReportVersionError } from '../report/read/parseReport.ts';
import { NoReportsError, readCycleReports } from '../report/read/readCycleReports.ts';
import type { ReportSource } from '../report/read/reportSource.ts';
import { writeHistoryFiles } from '../report/writeHistoryFiles.ts';
import { durationFlag, endpointFlag, regionFlag } from './flagParsers.ts';
import { ReadProgressBar } from './readProgressBar.ts';

/** Where the history goes without `--out`. */
export const DEFAULT_HISTORY_DIR = 'reports/history';

/** The flags of `thermostat report`. */
export interface ReportCommandFlags {
  readonly from: string;
  readonly out?: string;
  /** Milliseconds back from now. */
  readonly since?: number;
  readonly region?: string;
  readonly endpoint?: string;
}

/** Where the command writes, and what tests replace. */
export interface ReportCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The progress bar's stream. Default: `process.stderr`. */
  readonly progressStream?: NodeJS.WriteStream;
  readonly nowMs?: number;
  readonly aws?: AwsClientOptions;
}

/**
 * Registers `thermostat report`: reads every cycle report under a directory or an S3 prefix and
 * writes the history as `index.html`, `report.md` and `report.json`.
 *
 * @example
 * ```ts
 * registerReportCommand(program);
 * // thermostat report --from s3://my-reports/thermostat/ --since 24h --out reports/today
 * ```
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'Read the cycle reports under a directory or s3://bucket/prefix/ and write the history: ' +
        'index.html (charts, opens from disk), report.md and report.json',
    )
    .requiredOption(
      '--from <dir-or-s3-url>',
      'where the tuner wrote its reports (reports/<time>.json)',
    )
    .option('--out <dir>', `where the history goes (default: ${DEFAULT_HISTORY_DIR})`)
    .option(
      '--since <duration>',
      'only the last of it, e.g. 24h, 90m, 7d (default: everything)',
      durationFlag,
    )
    .option('--region <region>', "the bucket's AWS Region (default: the SDK's)", regionFlag)
    .addOption(
      new Option('--endpoint <url>', 'an S3 endpoint such as moto_server').argParser(endpointFlag),
    )
    .action(async (flags: ReportCommandFlags) => {
      process.exitCode = await runReportCommand(flags, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}

/**
 * Runs `thermostat report`; returns the exit code (0 written, 1 nothing to read or unreadable).
 *
 * @example
 * ```ts
 * const code = await runReportCommand({ from: 'reports/thermostat' }, { stdout, stderr });
 * ```
 */
export async function runReportCommand(
  flags: ReportCommandFlags,
  io: ReportCommandIo,
): Promise<number> {
  const nowMs = io.nowMs ?? Date.now();
  const aws: AwsClientOptions = {
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }),
    ...io.aws,
  };
  const source: ReportSource = flags.from.startsWith('s3://')
    ? new S3ReportSource(flags.from, { aws })
    : new DirectoryReportSource(flags.from);
  const bar = new ReadProgressBar(io.progressStream ?? process.stderr);
  const sinceMs = flags.since === undefined ? undefined : nowMs - flags.since;
  let reports: Awaited<ReturnType<typeof readCycleReports>>;
  try {
    reports = await readCycleReports(source, {
      ...(sinceMs === undefined ? {} : { sinceMs }),
      onProgress: (done, total) => bar.update(done, total),
    });
  } catch (error) {
    bar.stop();
    if (
      error instanceof NoReportsError ||
      error instanceof UnknownReportVersionError ||
      error instanceof InvalidReportError
    ) {
      io.stderr(`thermostat report: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  bar.stop();
  const history = buildHistory(reports, { nowMs, ...(sinceMs === undefined ? {} : { sinceMs }) });
  const out = flags.out ?? DEFAULT_HISTORY_DIR;
  const [html, markdown, json] = await writeHistoryFiles(history, new FileReportSink(out));
  const page = html ?? resolve(out, 'index.html');
  io.stdout(
    `Read ${reports.length} cycle reports from ${source.location} (${history.targets.length} targets).\n` +
      `Open ${page} (${((await stat(page)).size / 1e6).toFixed(2)} MB, no network needed)\n` +
      `Also ${markdown} and ${json}\n`,
  );
  return 0;
}
