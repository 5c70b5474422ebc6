/** The trace file formats the readers understand. */
export const TraceFormat = {
  /** Azure Functions 2019 invocations per minute, either column layout. */
  AZURE_2019: 'azure2019',
  /** Azure Functions 2021 per invocation: `app,func,end_timestamp,duration` (seconds). */
  AZURE_2021: 'azure2021',
  /** Plain CSV: `timestamp_ms[,duration_ms]`, header optional, one function per file. */
  CSV: 'csv',
} as const;
export type TraceFormat = (typeof TraceFormat)[keyof typeof TraceFormat];

/**
 * Whether a string names a trace format.
 *
 * @example
 * ```ts
 * isTraceFormat('azure2019'); // true
 * ```
 */
export function isTraceFormat(value: string): value is TraceFormat {
  return (Object.values(TraceFormat) as string[]).includes(value);
}
