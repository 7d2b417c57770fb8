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

const TABLE_OPENING = /^<table\b[^>]*class="govuk-table[^"]*"[^>]*>$/;
const HEAD = /<thead\b[^>]*>([\s\S]*?)<\/thead>/;
const HEADER_CELL = /<th\b[^>]*>([\s\S]*?)<\/th>/g;

/** Text of an HTML fragment already escaped for HTML: tags dropped, whitespace folded; fit for an attribute value. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/"/g, '&#34;');
}

const spanOf = (attributes: string): number => (attributes.includes('colspan') ? Number(/\bcolspan="(\d+)"/.exec(attributes)?.[1] ?? 1) || 1 : 1);

const isWordChar = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const [R, D, H] = ['r', 'd', 'h'].map((c) => c.charCodeAt(0)) as [number, number, number];

/**
 * The body's cells labelled: a row's opening (`<tr`) resets the column count, a cell's opening (`<td`,
 * `<th`) takes the next label. Found with indexOf and copied in slices between the labelled openings,
 * instead of a regular expression's callback for every opening (a queue page of 50 rows: 0.28 ms a page
 * with the callbacks, measured on a loaded machine; see the commit).
 */
function labelBody(body: string, labels: string[]): string {
  const added = labels.map((label) => ` data-label="${label}"`);
  let out = '';
  let copied = 0;
  let column = 0;
  for (let at = body.indexOf('<t'); at !== -1; at = body.indexOf('<t', at + 2)) {
    const kind = body.charCodeAt(at + 2);
    if ((kind !== R && kind !== D && kind !== H) || isWordChar(body.charCodeAt(at + 3))) continue;
    const end = body.indexOf('>', at + 3);
    if (end === -1) break;
    if (kind === R) {
      column = 0;
    } else {
      const attributes = body.slice(at + 3, end);
      const index = column;
      column += spanOf(attributes);
      if (labels[index] && !(attributes.includes('data-label=') && /\bdata-label=/.test(attributes))) {
        out += body.slice(copied, end) + added[index];
        copied = end;
      }
    }
    at = end - 1;
  }
  return copied === 0 ? body : out + body.slice(copied);
}

/** `html` with every body cell of its column-headed GOV.UK tables labelled with its column's header. */
export function labelTableCells(html: string): string {
  if (!html.includes('govuk-table__head')) return html;
  let out = '';
  let copied = 0;
  for (let at = html.indexOf('<table'); at !== -1; at = html.indexOf('<table', at + 6)) {
    if (isWordChar(html.charCodeAt(at + 6))) continue;
    const openingEnd = html.indexOf('>', at) + 1;
    if (openingEnd === 0) break;
    if (!TABLE_OPENING.test(html.slice(at, openingEnd))) continue;
    const closing = html.indexOf('</table>', openingEnd);
    if (closing === -1) break;
    const inner = html.slice(openingEnd, closing);
    const head = HEAD.exec(inner);
    if (head) {
      const labels: string[] = [];
      for (const cell of (head[1] as string).matchAll(HEADER_CELL)) {
        const span = spanOf(cell[0].slice(0, cell[0].indexOf('>')));
        for (let index = 0; index < span; index += 1) labels.push(textOf(cell[1] as string));
      }
      const bodyFrom = openingEnd + (head.index as number) + head[0].length;
      out += html.slice(copied, bodyFrom) + labelBody(html.slice(bodyFrom, closing), labels);
      copied = closing;
    }
    at = closing + 8 - 6;
  }
  return copied === 0 ? html : out + html.slice(copied);
}
