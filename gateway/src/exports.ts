import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApolloServer } from '@apollo/server';
import { ErrorCode, type Logger, PAGE_SIZE, traceRequests } from '@soilgraph/server-kit';
import { stringify } from 'csv-stringify';
import type { Express, Request, Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { z } from 'zod';
import type { GatewayContext } from './access.ts';
import { EXPORT_LISTS, type ExportFormat, type ExportList } from './export-lists.ts';

/*
 * The main lists as files: GET /export/<list>.csv and /export/<list>.geojson, the query parameters
 * filling the list's filter input (README, docs/integrators.md "Exports"). Each export pages
 * through the list's connection with GraphQL operations run by the gateway's own server, under the
 * context /graphql builds from the same request: the token, the published-only rule for anonymous
 * callers, the limits and every subgraph's own @access apply to a file as to a query. A field the
 * caller's token lacks the scope for is left empty; any other error fails the export.
 */

const FORMATS: ReadonlySet<string> = new Set<ExportFormat>(['csv', 'geojson']);

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8; header=present',
  geojson: 'application/geo+json',
};

/** The response header that gives the number of list entries when the export began (the connection's totalCount). */
export const TOTAL_COUNT_HEADER = 'x-total-count';

/** The status of an export refused on its first page, by the first error's code (an HTTP status Apollo set itself wins). */
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE]: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.SUBGRAPH_UNAVAILABLE]: 503,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  [ErrorCode.DATABASE_BUSY]: 503,
  [ErrorCode.TIMEOUT]: 504,
};

/** An export refused before any of it was sent: its HTTP status and GraphQL-style errors. */
export class ExportRefused extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLFormattedError[],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
}

function refused(status: number, message: string, extensions: Record<string, unknown>): ExportRefused {
  return new ExportRefused(status, [{ message, extensions }]);
}

/** The list and format of `<list>.<format>`; refused with 404 when either is unknown. */
export function exportTarget(file: string): { list: ExportList; format: ExportFormat } {
  const dot = file.lastIndexOf('.');
  const list = EXPORT_LISTS.get(file.slice(0, dot));
  const format = file.slice(dot + 1);
  if (dot < 0 || list === undefined || !FORMATS.has(format)) {
    throw refused(404, `No export ${JSON.stringify(file.slice(0, 100))}: the lists are ${[...EXPORT_LISTS.keys()].join(', ')}, each as .csv or .geojson`, {
      code: ErrorCode.NOT_FOUND,
    });
  }
  return { list, format: format as ExportFormat };
}

/** The query parameters a list takes, in the order of its filter's fields. */
export function parameterNames(list: ExportList): string[] {
  return Object.values(list.filter).flatMap((f) => Object.keys(f.parameters));
}

/**
 * The operation's filter variables from the query parameters, validated: an unknown parameter, a
 * repeated single one or a malformed value is refused with 400 and BAD_USER_INPUT naming it (in
 * `extensions.parameters`). Whether an enum value or a district exists is the API's to say.
 */
export function exportVariables(list: ExportList, query: Record<string, unknown>): Record<string, unknown> {
  const shape = Object.fromEntries(Object.values(list.filter).flatMap((f) => Object.entries(f.parameters).map(([name, schema]) => [name, schema.optional()])));
  const parsed = z.strictObject(shape).safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const [unknown] = issue.keys;
      throw refused(400, `Unknown parameter ${JSON.stringify(unknown)}: /export/${list.name} takes ${parameterNames(list).join(', ')}`, {
        code: ErrorCode.BAD_USER_INPUT,
        parameters: issue.keys,
      });
    }
    const parameter = String(issue.path[0]);
    throw refused(400, `${parameter}: ${issue.message}`, { code: ErrorCode.BAD_USER_INPUT, parameters: [parameter] });
  }
  const variables: Record<string, unknown> = {};
  for (const [field, { value }] of Object.entries(list.filter)) {
    const given = value(parsed.data);
    // A variable left out of the map leaves its field out of the filter (GraphQL's rule for absent variables).
    if (given !== undefined) variables[field] = given;
  }
  return variables;
}

const pascalCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, _dash, letter: string) => letter.toUpperCase());

/**
 * The operation that reads one page of a list: a variable per filter field (named as the field,
 * so that a bad value's error names it), totalCount on the first page only (it costs a count).
 */
export function exportOperation(list: ExportList, format: ExportFormat): string {
  const fields = Object.entries(list.filter);
  const declarations = fields.map(([name, f]) => `, $${name}: ${f.type}`).join('');
  const filter = fields.map(([name]) => `${name}: $${name}`).join(', ');
  return `query Export${pascalCase(list.name)}($first: Int!, $after: String, $count: Boolean!${declarations}) {
  ${list.field}(first: $first, after: $after, filter: { ${filter} }) {
    totalCount @include(if: $count)
    pageInfo { hasNextPage endCursor }
    edges { node { ${list.node(format)} } }
  }
}`;
}

interface Page {
  nodes: Record<string, any>[];
  totalCount: number | undefined;
  hasNextPage: boolean;
  endCursor: string | null;
}

interface Connection {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Record<string, any> | null }[];
}

/**
 * A FORBIDDEN error inside one node (e.g. WaterSource.location without water:read): the cell is
 * empty and the rest of the row stands, as in the API's answer. Anything else fails the page.
 */
function isWithheldCell(error: GraphQLFormattedError, field: string, connection: Connection | null | undefined): boolean {
  const path = error.path ?? [];
  const edge = path[2];
  return (
    error.extensions?.code === ErrorCode.FORBIDDEN &&
    path.length >= 5 &&
    path[0] === field &&
    path[1] === 'edges' &&
    typeof edge === 'number' &&
    path[3] === 'node' &&
    connection?.edges[edge]?.node != null
  );
}

/**
 * Names the query parameter behind a BAD_USER_INPUT the API raised: by the filter field in its
 * argumentPath (a subgraph's check), or by the variable its message names (GraphQL's coercion of
 * an unknown enum value). The variables are named after the filter's fields.
 */
function withParameters(list: ExportList, error: GraphQLFormattedError): GraphQLFormattedError {
  if (error.extensions?.code !== ErrorCode.BAD_USER_INPUT) return error;
  const argumentPath = error.extensions.argumentPath;
  const field = Array.isArray(argumentPath) && argumentPath[0] === 'filter' ? String(argumentPath[1]) : /^Variable "\$(\w+)"/.exec(error.message)?.[1];
  const parameters = field === undefined ? undefined : list.filter[field]?.parameters;
  return parameters === undefined ? error : { ...error, extensions: { ...error.extensions, parameters: Object.keys(parameters) } };
}

export interface ExportPager {
  /** The page after `after` (the first when undefined); refused with the API's errors and an HTTP status when it fails. */
  page(after: string | undefined): Promise<Page>;
}

/** Reads a list page by page through the gateway's server, as the caller whose context is given. */
export function exportPager(server: ApolloServer<GatewayContext>, list: ExportList, format: ExportFormat, variables: Record<string, unknown>, contextValue: GatewayContext): ExportPager {
  const query = exportOperation(list, format);
  return {
    async page(after) {
      const response = await server.executeOperation(
        // PAGE_SIZE.max, the API's largest page: a page of soil samples with their measurements costs about 1,500 of the 20,000 allowed.
        { query, variables: { ...variables, first: PAGE_SIZE.max, after, count: after === undefined } },
        { contextValue },
      );
      if (response.body.kind !== 'single') throw new Error('an export operation was answered incrementally');
      const { data, errors = [] } = response.body.singleResult;
      const connection = (data as Record<string, Connection | null> | null | undefined)?.[list.field];
      const failed = errors.filter((e) => !isWithheldCell(e, list.field, connection));
      if (failed.length > 0 || connection == null) {
        const status = response.http.status !== undefined && response.http.status >= 400 ? response.http.status : (STATUS_OF_CODE[String(failed[0]?.extensions?.code)] ?? 500);
        const shown = failed.length > 0 ? failed : [{ message: 'The list was not answered', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }];
        throw new ExportRefused(status, shown.map((e) => withParameters(list, e)));
      }
      return {
        nodes: connection.edges.map((e) => e.node!),
        totalCount: connection.totalCount,
        hasNextPage: connection.pageInfo.hasNextPage,
        endCursor: connection.pageInfo.endCursor,
      };
    },
  };
}

/** Every node of the list, one page in memory at a time: the next page is read when the last node of this one has been taken. */
async function* allNodes(first: Page, pager: ExportPager): AsyncGenerator<Record<string, any>> {
  let page = first;
  for (;;) {
    yield* page.nodes;
    if (!page.hasNextPage) return;
    if (page.endCursor === null) throw new Error('a page with a next page has no endCursor');
    page = await pager.page(page.endCursor);
  }
}

/** The file's body as streams for pipeline: CSV records through csv-stringify, or a GeoJSON FeatureCollection written feature by feature. */
function body(list: ExportList, format: ExportFormat, nodes: AsyncIterable<Record<string, any>>, counted: { rows: number }): [Readable, ...NodeJS.ReadWriteStream[]] {
  if (format === 'csv') {
    async function* records() {
      for await (const node of nodes) {
        for (const row of list.rows(node)) {
          counted.rows += 1;
          yield row;
        }
      }
    }
    const csv = stringify({
      header: true,
      columns: [...list.columns],
      // Numbers as JavaScript writes them (no grouping, no rounding); booleans as true/false, as the bulk import reads them.
      cast: { boolean: (value) => String(value), object: (value) => JSON.stringify(value) },
      // A text cell that begins with = + - @ is prefixed with ' so that a spreadsheet does not run it as a formula.
      escape_formulas: true,
    });
    return [Readable.from(records()), csv];
  }
  async function* text() {
    yield '{"type":"FeatureCollection","features":[\n';
    for await (const node of nodes) {
      for (const feature of list.features(node)) {
        yield `${counted.rows === 0 ? '' : ',\n'}${JSON.stringify(feature)}`;
        counted.rows += 1;
      }
    }
    yield '\n]}\n';
  }
  return [Readable.from(text(), { objectMode: false })];
}

function sendErrors(res: Response, status: number, errors: readonly GraphQLFormattedError[]): void {
  res.status(status).type('application/json').send(JSON.stringify({ errors }));
}

/** An error the token check raised (401), as /graphql answers it: its message and code. */
function contextFailure(error: unknown): ExportRefused {
  if (!(error instanceof GraphQLError)) throw error;
  const { http, ...extensions } = error.extensions as { http?: { status?: number } };
  return new ExportRefused(http?.status ?? 500, [{ message: error.message, extensions }]);
}

export interface ExportRoutesOptions {
  /** The gateway's server, started: each export runs its operations. */
  server: ApolloServer<GatewayContext>;
  /** Builds a request's context, as for /graphql (access.ts: authenticateRequests). */
  context: (req: Request) => Promise<GatewayContext>;
  logger: Logger;
}

/**
 * Serves GET /export/<list>.<format>. The first page is read before anything is sent, so that a
 * refused export answers with its HTTP status and a JSON body of GraphQL-style errors; later pages
 * are read as the client takes the file. A later page that fails cuts the response off (the
 * connection is closed before the file ends) rather than end a file that looks whole; it is logged.
 */
export function mountExports(app: Express, { server, context, logger }: ExportRoutesOptions): void {
  // One trace per export (when tracing is on), its pages' operations within it.
  app.use('/export', traceRequests());
  app.get('/export/:file', async (req, res) => {
    let list: ExportList;
    let format: ExportFormat;
    let first: Page;
    let pager: ExportPager;
    try {
      ({ list, format } = exportTarget(req.params.file));
      const contextValue = await context(req).catch((error: unknown) => {
        throw contextFailure(error);
      });
      const variables = exportVariables(list, req.query as Record<string, unknown>);
      pager = exportPager(server, list, format, variables, contextValue);
      first = await pager.page(undefined);
    } catch (error) {
      if (!(error instanceof ExportRefused)) {
        logger.error({ err: error, path: req.path }, 'export failed before it began');
        sendErrors(res, 500, [{ message: 'The export failed', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }]);
        return;
      }
      sendErrors(res, error.status, error.errors);
      return;
    }

    res.status(200);
    res.setHeader('content-type', CONTENT_TYPES[format]);
    res.setHeader('content-disposition', `attachment; filename="${list.name}.${format}"`);
    // The file holds what the caller's token may read: no shared cache may keep it.
    res.setHeader('cache-control', 'no-store');
    if (first.totalCount !== undefined) res.setHeader(TOTAL_COUNT_HEADER, String(first.totalCount));
    // HEAD: the headers (the count among them) without reading the rest of the list.
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const counted = { rows: 0 };
    const about = { list: list.name, format };
    try {
      await pipeline([...body(list, format, allNodes(first, pager), counted), res]);
      logger.info({ ...about, rows: counted.rows }, 'export written');
    } catch (error) {
      // pipeline has destroyed the response: the client sees the download break, not a file that ends early.
      res.destroy();
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') {
        logger.info({ ...about, rows: counted.rows }, 'export cancelled: the client closed the connection');
      } else if (error instanceof ExportRefused) {
        logger.error({ ...about, rows: counted.rows, errors: error.errors }, 'export cut off: a later page failed');
      } else {
        logger.error({ ...about, rows: counted.rows, err: error }, 'export cut off');
      }
    }
  });
  // Anything else under /export: JSON errors that say what there is, not express's HTML page.
  app.use('/export', (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendErrors(res, 405, [{ message: `Exports are read with GET, not ${req.method}`, extensions: { code: 'BAD_REQUEST' } }]);
      return;
    }
    sendErrors(res, 404, [
      {
        message: `No export at ${JSON.stringify(`${req.baseUrl}${req.path}`.slice(0, 100))}: GET /export/<list>.csv or .geojson, the lists being ${[...EXPORT_LISTS.keys()].join(', ')}`,
        extensions: { code: ErrorCode.NOT_FOUND },
      },
    ]);
  });
}
