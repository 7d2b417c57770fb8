/**
 * Tables that read as summary lists on a phone (P16). On a narrow screen the
 * stylesheet lays each row of a GOV.UK table out as a block, each cell under
 * its column's name; the names come from the cells' `data-label`, which this
 * pass copies from the table's column headers into every body cell as the page
 * is sent. So no page has to label its cells itself, and a table added later
 * folds too. The pass reads only our own JSX's output (`govuk-table` tables
 * with a `<thead>`), counts `colspan`, and leaves any cell that already has a
 * label alone.
 */

const TABLE = /(<table\b[^>]*class="govuk-table[^"]*"[^>]*>)([\s\S]*?)(<\/table>)/g;
const HEAD = /<thead\b[^>]*>([\s\S]*?)<\/thead>/;
const HEADER_CELL = /<th\b[^>]*>([\s\S]*?)<\/th>/g;
// A row's opening resets the column count; a cell's opening takes the next label. One pass over the
// body, instead of a lazy search for each row's end and a pass over each row (a queue page of 50 rows
// spent a twentieth of its time here).
const ROW_OR_CELL_OPENING = /<tr\b[^>]*>|<(td|th)\b([^>]*)>/g;

/** Text of an HTML fragment already escaped for HTML: tags dropped, whitespace folded; fit for an attribute value. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/"/g, '&#34;');
}

const spanOf = (attributes: string): number => Number(/\bcolspan="(\d+)"/.exec(attributes)?.[1] ?? 1) || 1;

function labelBody(body: string, labels: string[]): string {
  let column = 0;
  return body.replace(ROW_OR_CELL_OPENING, (opening: string, tag: string | undefined, attributes: string | undefined) => {
    if (tag === undefined || attributes === undefined) {
      column = 0;
      return opening;
    }
    const label = labels[column];
    column += spanOf(attributes);
    if (!label || /\bdata-label=/.test(attributes)) return opening;
    return `<${tag}${attributes} data-label="${label}">`;
  });
}

/** `html` with every body cell of its column-headed GOV.UK tables labelled with its column's header. */
export function labelTableCells(html: string): string {
  if (!html.includes('govuk-table__head')) return html;
  return html.replace(TABLE, (table: string, opening: string, inner: string, closing: string) => {
    const head = HEAD.exec(inner);
    if (!head) return table;
    const labels: string[] = [];
    for (const cell of (head[1] as string).matchAll(HEADER_CELL)) {
      const span = spanOf(cell[0].slice(0, cell[0].indexOf('>')));
      for (let index = 0; index < span; index += 1) labels.push(textOf(cell[1] as string));
    }
    const headEnd = (head.index as number) + head[0].length;
    return `${opening}${inner.slice(0, headEnd)}${labelBody(inner.slice(headEnd), labels)}${closing}`;
  });
}
