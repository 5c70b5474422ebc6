import { TraceFormat } from './traceFormat.ts';

/** The column layouts a header can announce. */
export const TraceLayout = {
  /** `HashOwner,HashApp,HashFunction,Trigger,1..1440` (the Azure 2019 release). */
  AZURE_2019_ORIGINAL: 'azure2019-original',
  /** `HashFunction,HashApp,HashOwner,minute_1..minute_1440` (the vHive In-Vitro samples). */
  AZURE_2019_SAMPLED: 'azure2019-sampled',
  /** `app,func,end_timestamp,duration`. */
  AZURE_2021: 'azure2021',
  /** `timestamp_ms[,duration_ms]`, with a header line. */
  CSV_WITH_HEADER: 'csv-header',
  /** `timestamp_ms[,duration_ms]`, data from the first line. */
  CSV_WITHOUT_HEADER: 'csv',
} as const;
export type TraceLayout = (typeof TraceLayout)[keyof typeof TraceLayout];

/** The format each layout belongs to. */
export const FORMAT_OF_LAYOUT: Readonly<Record<TraceLayout, TraceFormat>> = {
  [TraceLayout.AZURE_2019_ORIGINAL]: TraceFormat.AZURE_2019,
  [TraceLayout.AZURE_2019_SAMPLED]: TraceFormat.AZURE_2019,
  [TraceLayout.AZURE_2021]: TraceFormat.AZURE_2021,
  [TraceLayout.CSV_WITH_HEADER]: TraceFormat.CSV,
  [TraceLayout.CSV_WITHOUT_HEADER]: TraceFormat.CSV,
};

/** The leading header columns of each layout (CSV without a header has none). */
export const LAYOUT_HEADERS = {
  [TraceLayout.AZURE_2019_ORIGINAL]: ['HashOwner', 'HashApp', 'HashFunction', 'Trigger'],
  [TraceLayout.AZURE_2019_SAMPLED]: ['HashFunction', 'HashApp', 'HashOwner'],
  [TraceLayout.AZURE_2021]: ['app', 'func', 'end_timestamp', 'duration'],
  [TraceLayout.CSV_WITH_HEADER]: ['timestamp_ms'],
} as const;

/**
 * The layout a trace file's first line announces, or null if it is none of them. A first line
 * that starts with a number is a headerless plain CSV.
 *
 * @example
 * ```ts
 * layoutOfHeader(['HashFunction', 'HashApp', 'HashOwner', 'minute_1']); // 'azure2019-sampled'
 * layoutOfHeader(['1700000000000', '35']); // 'csv'
 * ```
 */
export function layoutOfHeader(fields: readonly string[]): TraceLayout | null {
  const names = fields.map((f) => f.trim());
  for (const [layout, header] of Object.entries(LAYOUT_HEADERS) as [
    TraceLayout,
    readonly string[],
  ][]) {
    if (header.every((name, i) => names[i]?.toLowerCase() === name.toLowerCase())) return layout;
  }
  const first = names[0] ?? '';
  if (first !== '' && Number.isFinite(Number(first))) return TraceLayout.CSV_WITHOUT_HEADER;
  return null;
}
