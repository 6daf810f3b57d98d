// The self-contained HTML page: inline CSS, charts as inline SVG, no script and no network reference.
import { esc } from './escape.js';

export interface Section { readonly id: string; readonly title: string; readonly html: string }

const CSS = `
body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#1f3b57;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;opacity:.85}nav{padding:8px 28px;background:#e8eef4;font-size:14px}
nav a{margin-right:14px;color:#1f3b57}main{padding:8px 28px 40px}
section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:12px 18px;margin:16px 0}
h2{font-size:18px;margin:4px 0 12px}.charts{display:flex;flex-wrap:wrap;gap:18px}
figure.chart{margin:0}figure.chart figcaption{font-size:12px;color:#555}figure.chart a{margin-right:8px}
.table-wrap{overflow-x:auto;max-width:100%}table{border-collapse:collapse;font-size:13px;margin:6px 0}
th,td{border-bottom:1px solid #e5e5e5;padding:4px 10px;text-align:left;vertical-align:top}
th{background:#f3f5f7;position:sticky;top:0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code,.mono{font-family:"DejaVu Sans Mono",monospace;font-size:12px}.note{color:#666;font-size:13px}
table.grid td{white-space:nowrap}.pos{color:#1a7f37}.neg{color:#b42318}details summary{cursor:pointer;margin:6px 0}
`;

export function htmlPage(title: string, subtitle: string, sections: readonly Section[]): string {
  const nav = sections.map((s) => `<a href="#${esc(s.id)}">${esc(s.title)}</a>`).join('');
  const body = sections.map((s) => `<section id="${esc(s.id)}"><h2>${esc(s.title)}</h2>\n${s.html}\n</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(title)}</h1><p>${esc(subtitle)}</p></header><nav>${nav}</nav>
<main>
${body}
</main></body></html>
`;
}
