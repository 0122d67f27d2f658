/**
 * `_data/*.csv` and `*.tsv` as Jekyll 4.3 reads them (Ruby's CSV with `headers: true`; TSV with
 * a tab between fields): a list of rows, each a mapping from the header row's names to the row's
 * fields, as text. An empty field is nil, `""` is empty text; a short row has nil for what it
 * lacks; a blank line is a row of nils; of two columns with one name the first wins. RFC 4180's
 * quoting: a field that starts with `"` runs to the next lone `"` (`""` is a quote) and may hold
 * separators and line breaks. Rows end where the first line of the file ends (`\r\n`, `\n` or
 * `\r`), as Ruby detects it. What Ruby refuses (CSV::MalformedCSVError, which stops Jekyll's
 * build) is a problem at its offset; the project has no CSV library, and this is the whole format.
 */

export type CsvField = string | null;
export type CsvRecord = Record<string, CsvField>;

/** What is wrong, at an offset in the text; `severity` warning: Jekyll reads it, but something is lost. */
export interface CsvProblem {
  offset: number;
  message: string;
  severity: "error" | "warning";
}

export interface CsvTable {
  records: CsvRecord[];
  problems: CsvProblem[];
}

class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Ruby's row separator: the first line break of the text, `\n` without one. */
function rowSeparatorOf(text: string): string {
  const index = text.search(/[\r\n]/);
  if (index < 0 || text[index] === "\n") return "\n";
  return text[index + 1] === "\n" ? "\r\n" : "\r";
}

/** The rows of `text`, each a list of fields with the offset each row starts at. */
export function parseCsvRows(text: string, separator: string): Array<{ offset: number; fields: CsvField[] }> {
  const rowEnd = rowSeparatorOf(text);
  const rows: Array<{ offset: number; fields: CsvField[] }> = [];
  let i = 0;
  while (i < text.length) {
    const offset = i;
    const fields: CsvField[] = [];
    if (text.startsWith(rowEnd, i)) {
      rows.push({ offset, fields });
      i += rowEnd.length;
      continue;
    }
    for (;;) {
      let field: CsvField;
      if (text[i] === '"') {
        const open = i;
        let value = "";
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) throw new CsvSyntaxError('a quoted field is not closed: it runs to the end of the file; close it with a "', open);
          value += text.slice(i, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            i = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        if (i < text.length && !text.startsWith(separator, i) && !text.startsWith(rowEnd, i)) {
          throw new CsvSyntaxError(
            `text after a quoted field's closing quote: a field is quoted whole ("...") or not at all; write a quote inside it as ""`,
            i,
          );
        }
        field = value;
      } else {
        let end = i;
        while (end < text.length && !text.startsWith(separator, end) && !text.startsWith(rowEnd, end)) end++;
        const value = text.slice(i, end);
        const quote = value.indexOf('"');
        if (quote >= 0) throw new CsvSyntaxError('a quote inside an unquoted field: quote the whole field ("...") and write the quote as ""', i + quote);
        const lineBreak = value.search(/[\r\n]/);
        if (lineBreak >= 0)
          throw new CsvSyntaxError(
            "a line break that is not the file's own (it mixes \\n and \\r\\n): a field with a line break must be quoted",
            i + lineBreak,
          );
        field = value === "" ? null : value;
        i = end;
      }
      fields.push(field);
      if (text.startsWith(separator, i)) {
        i += separator.length;
        continue;
      }
      if (text.startsWith(rowEnd, i)) i += rowEnd.length;
      break;
    }
    rows.push({ offset, fields });
  }
  return rows;
}

/** The records of a CSV (`separator` ",") or TSV ("\t") text, as Jekyll reads them, or the problem that stops it. */
export function readCsv(text: string, separator: "," | "\t"): CsvTable {
  let rows: ReturnType<typeof parseCsvRows>;
  try {
    rows = parseCsvRows(text, separator);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { records: [], problems: [{ offset: error.offset, message: error.message, severity: "error" }] };
  }
  const [header, ...body] = rows;
  if (!header) return { records: [], problems: [] };
  const names = header.fields;
  const problems: CsvProblem[] = [];
  const records = body.map((row) => {
    const record: CsvRecord = {};
    names.forEach((name, index) => {
      const key = name ?? "";
      if (!(key in record)) record[key] = row.fields[index] ?? null;
    });
    if (row.fields.length > names.length) {
      problems.push({
        offset: row.offset,
        message: `this row has ${row.fields.length} fields and the header row ${names.length}: Jekyll keeps the extra ones under a nil name, which no template can read; give them a column name or remove them`,
        severity: "warning",
      });
    }
    return record;
  });
  return { records, problems };
}
