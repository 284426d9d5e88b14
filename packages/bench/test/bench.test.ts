import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { copyText, createBenchDatabase } from '../src/database.ts';
import { readmeOperations } from '../src/operations.ts';

describe('the operation mix', () => {
  it('takes every README query with the token its first line names, and no mutation', () => {
    const readme = [
      '```graphql\n# token: water\n{\n  waterSource(id: "WS-1") { name }\n}\n```',
      '```graphql\n{\n  assessSoil(sample: {\n    pH: 6\n  }) { riskLevel }\n}\n```',
      '```graphql\n# token: environment\nmutation {\n  submitSamples(samples: []) { created }\n}\n```',
    ].join('\n\ntext\n\n');
    const operations = readmeOperations(readme);
    expect(operations.map((o) => [o.name, o.token])).toEqual([
      ['README waterSource(id: "WS-1")', 'water'],
      ['README assessSoil(…)', undefined],
    ]);
    expect(JSON.parse(operations[0]!.bodies[0]!).query).toContain('waterSource(id: "WS-1")');
  });
});

describe('the bulk seeder', () => {
  it('escapes what COPY reads specially', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(true)).toBe('t');
    expect(copyText('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
  });

  const server = process.env.TEST_DATABASE_URL;
  it.runIf(server !== undefined && server !== '' && server !== 'pglite')('writes with COPY the very rows the demo seeder inserts', async () => {
    const log = () => undefined;
    const [bulk, demo] = [await createBenchDatabase(server!, 2, 'bulk', log), await createBenchDatabase(server!, 2, 'demo', log)];
    try {
      // Each table's rows, in a stable order, without the columns the database fills at insert time
      // and without the data versions, which count the statements that wrote the rows.
      const contents = async (url: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows: tables } = await client.query<{ name: string; columns: string }>(
            `select table_schema || '.' || table_name as name,
                    string_agg(quote_ident(column_name), ', ' order by ordinal_position) as columns
               from information_schema.columns
              where table_schema in ('planning', 'environment', 'agriculture', 'water', 'geology')
                and column_name not in ('created_at', 'updated_at')
                and table_name not like '\\_\\_%'
                and table_name <> 'data_version'
              group by 1 order by 1`,
          );
          const out: Record<string, string> = {};
          for (const { name, columns } of tables) {
            const { rows } = await client.query<{ digest: string }>(
              `select count(*) || ':' || coalesce(md5(string_agg(row(${columns})::text, '|' order by row(${columns})::text)), '') as digest from ${name}`,
            );
            out[name] = rows[0]!.digest;
          }
          return out;
        } finally {
          await client.end();
        }
      };
      const expected = await contents(demo.url);
      expect(Object.keys(expected).length).toBeGreaterThan(10);
      expect(await contents(bulk.url)).toEqual(expected);
    } finally {
      await bulk.drop();
      await demo.drop();
    }
  });
});
