/**
 * Lines of a plain-text table: the first column left-aligned, the others right-aligned, padded to
 * the widest cell, a rule under the header.
 *
 * @example
 * ```ts
 * alignedColumns(['policy', 'cost'], [['oracle', '1.00']]); // ['policy  cost', '------  ----', 'oracle  1.00']
 * ```
 */
export function alignedColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = header.map((heading, i) =>
    Math.max(heading.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}
