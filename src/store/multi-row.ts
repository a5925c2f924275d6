import type Database from 'better-sqlite3';

/**
 * Rows one statement carries at most: an article's paragraph keys (8 on average) go in one statement, a long
 * article's in a few; 2-3 parameters a row stays far under SQLite's 32,766.
 */
export const ROWS_PER_STATEMENT = 64;

/**
 * One statement for many rows, its values bound as parameters (not JSON: a string is then stored exactly as a
 * single-row statement stores it, lone surrogates included). `sql(rows)` gives the statement for that many rows;
 * each size is prepared once. Rows are sent in chunks of `rowsPerStatement` in the order given.
 */
export class MultiRowStatement {
  private readonly prepared = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly sql: (rows: number) => string,
    private readonly parametersPerRow: number,
    private readonly rowsPerStatement: number = ROWS_PER_STATEMENT,
  ) {
    if (!Number.isInteger(parametersPerRow) || parametersPerRow < 1) throw new Error(`parametersPerRow must be a whole number of at least 1, got ${parametersPerRow}`);
    if (!Number.isInteger(rowsPerStatement) || rowsPerStatement < 1) throw new Error(`rowsPerStatement must be a whole number of at least 1, got ${rowsPerStatement}`);
  }

  /** Writes the rows of `values` (parametersPerRow values a row, one after another); the rows changed. */
  run(values: readonly unknown[]): number {
    let changes = 0;
    this.forEachChunk(values, (statement, chunk) => (changes += statement.run(chunk).changes));
    return changes;
  }

  /** Reads with the rows of `values` as parameters: every chunk's rows, chunk after chunk. */
  all<Row>(values: readonly unknown[]): Row[] {
    const found: Row[] = [];
    this.forEachChunk(values, (statement, chunk) => {
      for (const row of statement.all(chunk) as Row[]) found.push(row);
    });
    return found;
  }

  private forEachChunk(values: readonly unknown[], use: (statement: Database.Statement, chunk: readonly unknown[]) => void): void {
    const width = this.parametersPerRow;
    if (values.length % width !== 0) throw new Error(`${values.length} values are not whole rows of ${width}`);
    const step = width * this.rowsPerStatement;
    for (let start = 0; start < values.length; start += step) {
      const end = Math.min(start + step, values.length);
      const chunk = start === 0 && end === values.length ? values : values.slice(start, end);
      use(this.statementFor((end - start) / width), chunk);
    }
  }

  private statementFor(rows: number): Database.Statement {
    let statement = this.prepared.get(rows);
    if (statement === undefined) {
      statement = this.db.prepare(this.sql(rows));
      this.prepared.set(rows, statement);
    }
    return statement;
  }
}

/** `row` repeated `rows` times, comma-separated: a VALUES list or an IN list. */
export function repeatedRows(row: string, rows: number): string {
  return Array.from({ length: rows }, () => row).join(', ');
}
