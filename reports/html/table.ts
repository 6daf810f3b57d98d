// A plain HTML table; cells are escaped text unless given as { html }.
import { esc } from './escape.js';

export type Cell = string | number | { readonly html: string };

export function htmlTable(head: readonly string[], rows: readonly (readonly Cell[])[], cls = ''): string {
  const cell = (c: Cell, tag: 'td' | 'th'): string => {
    const body = typeof c === 'object' ? c.html : esc(String(c));
    const num = typeof c === 'number' || (typeof c === 'string' && /^[−\-\d.,]+%?$/.test(c));
    return `<${tag}${num ? ' class="num"' : ''}>${body}</${tag}>`;
  };
  const thead = `<thead><tr>${head.map((h) => cell(h, 'th')).join('')}</tr></thead>`;
  const tbody = `<tbody>${rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('\n')}</tbody>`;
  return `<div class="table-wrap"><table${cls ? ` class="${cls}"` : ''}>${thead}${tbody}</table></div>`;
}
