import { escapeHtml } from './escapeHtml.ts';

/** A column: its header and whether its cells are numbers (right-aligned). */
export interface TableColumn {
  readonly label: string;
  readonly numeric?: boolean;
}

/** A table to render: plain-text cells (escaped here), an optional class per row. */
export interface TableSpec {
  readonly caption: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
  readonly rowClasses?: readonly (string | undefined)[];
  /** Marks the tables a test or a reader looks up. */
  readonly id?: string;
}

/**
 * An HTML table with a caption and column headers (`scope="col"`); the first cell of each row is
 * its header (`scope="row"`).
 *
 * @example
 * ```ts
 * htmlTable({ caption: 'Policies', columns: [{ label: 'policy' }, { label: 'cost', numeric: true }], rows: [['oracle', '$0.68']] });
 * ```
 */
export function htmlTable(spec: TableSpec): string {
  const head = spec.columns
    .map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`)
    .join('');
  const body = spec.rows
    .map((row, i) => {
      const cls = spec.rowClasses?.[i];
      const cells = row
        .map((cell, j) => {
          const numeric = spec.columns[j]?.numeric === true ? ' class="num"' : '';
          return j === 0
            ? `<th scope="row"${numeric}>${escapeHtml(cell)}</th>`
            : `<td${numeric}>${escapeHtml(cell)}</td>`;
        })
        .join('');
      return `<tr${cls ? ` class="${cls}"` : ''}>${cells}</tr>`;
    })
    .join('');
  return `<table${spec.id ? ` id="${escapeHtml(spec.id)}"` : ''}><caption>${escapeHtml(spec.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
