/**
 * What `thermostat plan` and `thermostat apply` share: one tuning cycle from a laptop, with the
 * user's AWS credentials (the SDK's default chain), the same code the scheduled handler runs.
 * The report goes to a local directory, and the memory (cooldowns, learned margin) to
 * `<report dir>/state/memory.json` unless `--memory` names another file or the S3 prefix the
 * deployed tuner uses.
 *
 * Exit codes: 0 the cycle ran and nothing failed; 1 bad config or flags, or `apply` refused
 * (nothing was observed or changed); 2 the cycle ran but something failed (observing or reading
 * the state as a whole, a target, an action, a report write, the memory in apply mode, the
 * deadline): the summary says what.
 */
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import type { AwsClientOptions } from '../aws/awsClientOptions.ts';
import { type Clock, systemClock } from '../aws/clock.ts';
import { awsCyclePorts } from '../aws/cycle/awsCyclePorts.ts';
import { loadConfigFile } from '../aws/loadConfigFile.ts';
import { S3TunerMemoryStore } from '../aws/s3TunerMemoryStore.ts';
import { ConfigError } from '../core/config/configError.ts';
import { type ThermostatConfig, TunerMode } from '../core/config/thermostatConfig.ts';
import { MEMORY_OBJECT_NAME, type TunerMemoryStore } from '../core/memory/tunerMemoryStore.ts';
import type { PlannerOptions } from '../core/plan/plannerOptions.ts';
import type { CycleLogger } from '../cycle/cycleLogger.ts';
import { CycleStatus } from '../cycle/cycleReport.ts';
import { runTuningCycle } from '../cycle/tuningCycle.ts';
import { FileReportSink } from '../local/fileReportSink.ts';
import { FileTunerMemoryStore } from '../local/fileTunerMemoryStore.ts';
import { endpointFlag, integerFlag, regionFlag } from './flagParsers.ts';

/** Which command runs the cycle. */
export const CycleCommandKind = {
  /** Recommend mode whatever the config says: plans and reports, changes nothing. */
  PLAN: 'plan',
  /** The config's mode; refuses a `recommend` config unless `--force-apply`. */
  APPLY: 'apply',
} as const;
export type CycleCommandKind = (typeof CycleCommandKind)[keyof typeof CycleCommandKind];

/** The commands' exit codes. */
export const CycleExitCode = {
  OK: 0,
  /** Bad config or flags, or `apply` refused: nothing was observed or changed. */
  REFUSED: 1,
  /** The cycle ran, and something in it failed. */
  FAILURES: 2,
} as const;
export type CycleExitCode = (typeof CycleExitCode)[keyof typeof CycleExitCode];

/** Where reports go when neither `--report-dir` nor the config's `reports.dir` says. */
export const DEFAULT_REPORT_DIR = 'reports/thermostat';

/** The flags of `plan` and `apply`. */
export interface CycleCommandFlags {
  readonly config: string;
  readonly reportDir?: string;
  readonly region?: string;
  readonly endpoint?: string;
  readonly memory?: string;
  readonly forceApply?: boolean;
  /** Seconds from the start after which nothing new starts. Default {@link DEFAULT_DEADLINE_SEC}. */
  readonly deadline?: number;
}

/** A cycle from a laptop stops starting work after 15 minutes (a Lambda's longest run). */
export const DEFAULT_DEADLINE_SEC = 900;

/** Where the command writes, and what tests replace. */
export interface CycleCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly clock?: Clock;
  /** Merged over the flags' client options (tests pass credentials for moto). */
  readonly aws?: AwsClientOptions;
  readonly plannerOptions?: Partial<PlannerOptions>;
}

/**
 * Adds the flags `plan` and `apply` share.
 *
 * @example
 * ```ts
 * addCycleOptions(program.command('plan')).action(...);
 * ```
 */
export function addCycleOptions(command: Command): Command {
  return command
    .requiredOption('--config <file>', 'the SLO config (JSON or YAML)')
    .option(
      '--report-dir <dir>',
      `where reports go (default: the config's reports.dir, else ${DEFAULT_REPORT_DIR})`,
    )
    .option(
      '--region <region>',
      "AWS Region of targets given by name (default: the SDK's)",
      regionFlag,
    )
    .option(
      '--memory <file-or-s3-url>',
      `the tuner memory: a JSON file, or the s3://bucket/prefix/ of a deployed tuner's reports ` +
        `(its ${MEMORY_OBJECT_NAME}, so cooldowns carry over) (default: <report dir>/${MEMORY_OBJECT_NAME})`,
    )
    .option(
      '--deadline <seconds>',
      `stop starting work after this many seconds; the summary says what was not done (default ${DEFAULT_DEADLINE_SEC})`,
      integerFlag('--deadline', 1, 86_400),
    )
    .addOption(
      new Option(
        '--endpoint <url>',
        'one endpoint for every AWS service: an emulator such as moto_server (no provisioned-concurrency API, basic statistics only)',
      ).argParser(endpointFlag),
    );
}

/**
 * Runs one cycle for `plan` or `apply`: prints the Markdown summary on stdout, progress and
 * problems on stderr; returns the exit code.
 *
 * @example
 * ```ts
 * const code = await runCycleCommand('plan', { config: 'thermostat.yaml' }, {
 *   stdout: (text) => process.stdout.write(text),
 *   stderr: (text) => process.stderr.write(text),
 * });
 * ```
 */
export async function runCycleCommand(
  kind: CycleCommandKind,
  flags: CycleCommandFlags,
  io: CycleCommandIo,
): Promise<CycleExitCode> {
  const say = (line: string) => io.stderr(`thermostat ${kind}: ${line}\n`);
  let loaded: ThermostatConfig;
  try {
    loaded = await loadConfigFile(flags.config);
  } catch (error) {
    if (error instanceof ConfigError) io.stderr(`${error.message}\n`);
    else {
      const e = error as NodeJS.ErrnoException;
      say(`--config: cannot read '${flags.config}' (${e.code ?? e.message})`);
    }
    return CycleExitCode.REFUSED;
  }
  const config = withCommandMode(kind, loaded, flags, say);
  if (config === null) return CycleExitCode.REFUSED;

  const reportDir =
    flags.reportDir ??
    (loaded.reports !== undefined && 'dir' in loaded.reports
      ? loaded.reports.dir
      : DEFAULT_REPORT_DIR);
  const aws: AwsClientOptions = {
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }),
    ...io.aws,
  };
  const clock = io.clock ?? systemClock;
  const logger: CycleLogger = { info: say, warn: say };
  const result = await runTuningCycle({
    config,
    ...awsCyclePorts(config, { aws, clock, emulator: flags.endpoint !== undefined }),
    reportSink: new FileReportSink(reportDir),
    memoryStore: memoryStoreOf(flags.memory, reportDir, aws),
    // `plan` changes nothing: the deployed tuner's memory is read, never written.
    readOnlyMemory: kind === CycleCommandKind.PLAN && flags.memory?.startsWith('s3://') === true,
    deadlineMs: clock.now() + (flags.deadline ?? DEFAULT_DEADLINE_SEC) * 1000,
    clock,
    logger,
    ...(io.plannerOptions === undefined ? {} : { plannerOptions: io.plannerOptions }),
  });
  io.stdout(result.markdown);
  const { report } = result;
  const failed =
    report.status !== CycleStatus.COMPLETED ||
    report.totals.actionsFailed > 0 ||
    report.targets.some((t) => t.plan.status === 'error') ||
    result.reportLocations.length < 2;
  return failed ? CycleExitCode.FAILURES : CycleExitCode.OK;
}

/** The config with the mode the command runs in; null when `apply` refuses. */
function withCommandMode(
  kind: CycleCommandKind,
  config: ThermostatConfig,
  flags: CycleCommandFlags,
  say: (line: string) => void,
): ThermostatConfig | null {
  if (kind === CycleCommandKind.PLAN) {
    if (config.mode === TunerMode.APPLY)
      say(`${flags.config} says mode: apply; plan runs in recommend mode and changes nothing`);
    return { ...config, mode: TunerMode.RECOMMEND };
  }
  if (config.mode === TunerMode.APPLY) return config;
  if (flags.forceApply !== true) {
    say(
      `${flags.config} says mode: recommend, so apply would change nothing. ` +
        'Set mode: apply in the config, or pass --force-apply to apply this cycle once ' +
        '(use thermostat plan to see what would change).',
    );
    return null;
  }
  say('--force-apply: applying although the config says mode: recommend');
  return { ...config, mode: TunerMode.APPLY };
}

function memoryStoreOf(
  memory: string | undefined,
  reportDir: string,
  aws: AwsClientOptions,
): TunerMemoryStore {
  if (memory?.startsWith('s3://')) return new S3TunerMemoryStore(memory, { aws });
  return new FileTunerMemoryStore(memory ?? join(reportDir, MEMORY_OBJECT_NAME));
}
