/**
 * A table a reader sorts by any column (buttons in the headers, `aria-sort` says the order) and
 * searches by name; order and search are kept in the URL (replacing the current entry, so that
 * the back button still goes to the previous region, not the previous keystroke).
 */
import { type Child, fill, h } from '../dom.js';
import { t } from '../i18n.js';

export interface Column<R> {
  key: string;
  label: string;
  numeric?: boolean;
  /** What the column sorts by. */
  value: (row: R) => number | string | null;
  /** The cell's content (default: the value). */
  cell?: (row: R) => Child | Child[];
  /** The row's header cell (`<th scope=row>`), usually the name. */
  rowHeader?: boolean;
}

export interface SortableTableOptions<R> {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  /** The text a search matches (default: none, no search box). */
  searchText?: (row: R) => string;
  /** `key:asc|desc`, from the URL. */
  sort: string | null;
  q: string;
  /** Called with the new sort and search, to keep them in the URL. */
  onChange: (sort: string | null, q: string) => void;
  id: string;
  /** What the rows are, for the count above the table: `{n} wilayah` (default), `{n} pemberi kerja`… */
  countWord?: 'rows' | 'employerRows';
}

export function sortableTable<R>(o: SortableTableOptions<R>): HTMLElement {
  let [sortKey, sortDir] = (o.sort ?? '').split(':') as [string | undefined, string | undefined];
  if (!o.columns.some((c) => c.key === sortKey)) [sortKey, sortDir] = [undefined, undefined];
  let q = o.q;
  const tbody = h('tbody');
  const thead = h('thead');
  const count = h('p', { class: 'count', 'aria-live': 'polite', id: `${o.id}-count` });
  const render = () => {
    const needle = q.trim().toLocaleLowerCase();
    let rows = needle && o.searchText ? o.rows.filter((r) => o.searchText!(r).toLocaleLowerCase().includes(needle)) : [...o.rows];
    const column = o.columns.find((c) => c.key === sortKey);
    if (column) {
      const sign = sortDir === 'desc' ? -1 : 1;
      rows = rows.sort((a, b) => {
        const x = column.value(a);
        const y = column.value(b);
        if (x === y) return 0;
        if (x === null) return 1; // empty last either way
        if (y === null) return -1;
        return (x < y ? -1 : 1) * sign;
      });
    }
    fill(
      thead,
      h(
        'tr',
        {},
        o.columns.map((c) => {
          const sorted = c.key === sortKey;
          const next = sorted && sortDir === 'asc' ? 'desc' : 'asc';
          return h(
            'th',
            { scope: 'col', class: c.numeric ? 'n' : null, 'aria-sort': sorted ? (sortDir === 'desc' ? 'descending' : 'ascending') : null },
            h(
              'button',
              {
                type: 'button',
                class: 'sort',
                title: t('sortBy', { column: c.label }),
                onclick: () => {
                  sortKey = c.key;
                  sortDir = next;
                  o.onChange(`${sortKey}:${sortDir}`, q);
                  render();
                },
              },
              c.label,
              h('span', { 'aria-hidden': 'true', class: 'arrow' }, sorted ? (sortDir === 'desc' ? ' ▼' : ' ▲') : ''),
            ),
          );
        }),
      ),
    );
    fill(
      tbody,
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: o.columns.length }, t('noRows')))
        : rows.map((r) =>
            h(
              'tr',
              {},
              o.columns.map((c) => {
                const content = c.cell ? c.cell(r) : c.value(r);
                return c.rowHeader ? h('th', { scope: 'row' }, content as Child) : h('td', { class: c.numeric ? 'n' : null }, content as Child);
              }),
            ),
          ),
    );
    count.textContent = t(o.countWord ?? 'rows', { n: rows.length });
  };
  render();
  const search = o.searchText
    ? h(
        'p',
        { class: 'search' },
        h('label', { for: `${o.id}-q` }, t('search')),
        h('input', {
          id: `${o.id}-q`,
          type: 'search',
          value: q,
          autocomplete: 'off',
          oninput: (e: Event) => {
            q = (e.target as HTMLInputElement).value;
            o.onChange(sortKey ? `${sortKey}:${sortDir}` : null, q);
            render();
          },
        }),
      )
    : null;
  return h('div', { class: 'table-block' }, search, count, h('div', { class: 'scroll', role: 'region', 'aria-labelledby': `${o.id}-caption`, tabindex: 0 }, h('table', { id: o.id }, h('caption', { id: `${o.id}-caption` }, o.caption), thead, tbody)));
}
