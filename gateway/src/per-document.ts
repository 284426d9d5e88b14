import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * A value worked out once per parsed document and schema. Apollo Server hands the same parsed
 * document to every request of the same text (its document store), so what depends only on the
 * document is not worked out again at every request; a value goes when Apollo forgets its
 * document, and a new supergraph (schema) starts afresh.
 */
export function perDocument<T>(make: (schema: GraphQLSchema, document: DocumentNode) => T): (schema: GraphQLSchema, document: DocumentNode) => T {
  const known = new WeakMap<DocumentNode, { schema: GraphQLSchema; value: T }>();
  return (schema, document) => {
    let entry = known.get(document);
    if (entry === undefined || entry.schema !== schema) {
      entry = { schema, value: make(schema, document) };
      known.set(document, entry);
    }
    return entry.value;
  };
}
