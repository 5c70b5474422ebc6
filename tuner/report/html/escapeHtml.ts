/**
 * Text made safe for HTML and SVG content and attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('p99 <= 200 & "ok"'); // 'p99 &lt;= 200 &amp; &quot;ok&quot;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * JSON to embed in a `<script type="application/json">` element: `<` escaped so no string in the
 * data can close the element.
 *
 * @example
 * ```ts
 * `<script type="application/json" id="report-data">${embeddedJson(report)}</script>`;
 * ```
 */
export function embeddedJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}
