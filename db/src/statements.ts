import type { Logger } from 'drizzle-orm';

/*
 * Counts the SQL statements this process sends through drizzle, on Postgres and PGlite alike:
 * the tests and the benchmark read it around one request to prove that the database work of
 * a request does not grow with the rows it returns. (Transaction control, BEGIN and COMMIT,
 * is not counted.)
 */
let statements = 0;

export const statementCountingLogger: Logger = {
  logQuery() {
    statements += 1;
  },
};

/** Statements sent so far by this process; subtract two readings to count a request's. */
export function sqlStatementCount(): number {
  return statements;
}
