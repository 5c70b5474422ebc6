import { embeddedJson, escapeHtml } from './escapeHtml.ts';

/** What a report page holds. */
export interface HtmlPage {
  readonly title: string;
  /** One line under the title (what the report covers, when it was made). */
  readonly subtitle: string;
  /** The page's sections, HTML. */
  readonly body: string;
  /** The report's JSON, embedded whole so the page is its own record (`#report-data`). */
  readonly data: unknown;
}

/** Styles: system fonts, readable widths, tables that scan, charts that shrink on a phone. */
const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
body{margin:0 auto;max-width:1120px;padding:24px 20px 64px;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.3rem;margin:40px 0 4px;border-top:2px solid #1b1b1b;padding-top:16px}
h3{font-size:1.05rem;margin:24px 0 8px}
.subtitle{color:#555;margin:0 0 16px}
.headline{font-size:1.15rem;font-weight:600;margin:8px 0 16px;padding:10px 14px;background:#f3f6fa;border-left:4px solid #0072B2}
.headline span+span::before{content:" · ";color:#777;font-weight:400}
.facts{display:flex;flex-wrap:wrap;gap:4px 24px;margin:0 0 8px;padding:0;list-style:none;color:#333}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:12px 24px}
figure.chart{margin:0}figure.chart svg{max-width:100%;height:auto;display:block}
figcaption{font-weight:600;margin:8px 0 2px}
.legend{display:flex;flex-wrap:wrap;gap:2px 14px;list-style:none;margin:0;padding:0;font-size:.85rem}
.swatch{display:inline-block;width:18px;height:10px;margin-right:5px;vertical-align:middle;background:var(--c)}
.swatch-solid{height:3px}.swatch-dashed{height:0;border-top:3px dashed var(--c);background:none}
.swatch-band{opacity:.35}.swatch-tick{width:3px}.swatch-circle{width:10px;border-radius:50%}
.swatch-triangle{width:0;height:0;background:none;border-left:6px solid transparent;border-right:6px solid transparent;border-bottom:10px solid var(--c)}
.swatch-diamond{width:9px;height:9px;transform:rotate(45deg);outline:1px solid #000}
.alt{font-size:.8rem;color:#555;margin:2px 0 0}
table{border-collapse:collapse;margin:8px 0 16px;font-size:.9rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{background:#f4f4f4}th[scope=row]{white-space:nowrap;font-weight:500}td.num,th.num{text-align:right}
tr.chosen td{font-weight:600;background:#fff7e0}
.budget{max-width:520px}.budget-bar{height:14px;background:#e8e8e8;border:1px solid #999;position:relative}
.budget-bar span{position:absolute;left:0;top:0;bottom:0;background:#D55E00}
.note{color:#555;font-size:.9rem}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
`;

/**
 * A whole, self-contained report page: styles and data inline, no script to run and nothing
 * fetched (a Content-Security-Policy forbids every network load), so it opens from disk, from
 * S3 and with JavaScript off.
 *
 * @example
 * ```ts
 * writeFileSync('index.html', htmlPage({ title, subtitle, body, data: report }));
 * ```
 */
export function htmlPage(page: HtmlPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(page.title)}</h1><p class="subtitle">${escapeHtml(page.subtitle)}</p></header>
<main>
${page.body}
</main>
<script type="application/json" id="report-data">${embeddedJson(page.data)}</script>
</body>
</html>
`;
}
