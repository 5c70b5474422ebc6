/**
 * Lays out a table for a terminal: the header, a rule, then the rows; the first column left-aligned,
 * the others right-aligned (numbers), columns two spaces apart. One string per line.
 *
 * @example
 * ```ts
 * alignedColumns(['policy', 'cost $'], [['on-demand', '0.71']]);
 * // ['policy     cost $', '---------  ------', 'on-demand    0.71']
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
