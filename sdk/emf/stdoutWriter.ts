/** Where EMF lines go: one complete JSON document per call, without the trailing newline. */
export type EmfLineWriter = (line: string) => void;

/**
 * Writes straight to the process's stdout, not through `console`: the Lambda runtime prefixes
 * `console` output with a timestamp and request id, which stops CloudWatch from extracting the
 * metrics. On Linux, stdout writes to pipes and files are synchronous, so the line is out before
 * the invocation returns and the environment is frozen.
 *
 * @example
 * ```ts
 * writeToStdout('{"_aws":{...}}');
 * ```
 */
export const writeToStdout: EmfLineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};
