import { writeSync } from 'node:fs';

/** Where EMF lines go: one complete JSON document per call, without the trailing newline. */
export type EmfLineWriter = (line: string) => void;

const STDOUT_FD = 1;

/**
 * Writes straight to file descriptor 1, not through `console`: the Lambda runtime prefixes
 * `console` output with a timestamp and request id, which stops CloudWatch from extracting the
 * metrics. A synchronous write is out before the invocation returns and the environment is
 * frozen; it also fails synchronously (EPIPE), where `process.stdout` would emit an `error` event
 * later that crashes the process if nobody listens. If the descriptor is non-blocking and full
 * (EAGAIN), the line goes through `process.stdout`, which queues it.
 *
 * @example
 * ```ts
 * writeToStdout('{"_aws":{...}}');
 * ```
 */
export const writeToStdout: EmfLineWriter = (line) => {
  const data = `${line}\n`;
  let written = 0;
  try {
    written = writeSync(STDOUT_FD, data);
    // A large write to a pipe may be partial: finish it byte-exactly.
    if (written < data.length) {
      const bytes = Buffer.from(data);
      while (written < bytes.length) written += writeSync(STDOUT_FD, bytes, written);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    process.stdout.write(Buffer.from(data).subarray(written));
  }
};
