/**
 * A trace file that does not hold what its format says: `file:line:column: message`, lines and
 * columns counted from 1 (the column is the CSV field's position).
 */
export class TraceFormatError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;

  constructor(file: string, line: number, column: number, message: string) {
    super(`${file}:${line}:${column}: ${message}`);
    this.name = 'TraceFormatError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}
