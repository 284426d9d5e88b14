import { GraphQLError } from 'graphql';
import { badUserInput, ErrorCode } from './errors.ts';

/*
 * Entities of other agencies arrive as representations: their key and, where a field @requires
 * them, the other agencies' fields the gateway fetched first. graphql-codegen's picked types for
 * those parents do not narrow optional fields usefully, so resolvers pass the parent on as the
 * subgraph's reference type (asRef) and check at run time that a required field really came.
 */

/** A resolver's parent as the reference type it is at run time. */
export function asRef<T extends object>(parent: object): T {
  return parent as T;
}

/** The BAD_USER_INPUT for a representation without a field it must carry: only a caller bypassing the gateway can leave it out. */
export function lacksRequired(where: string, field: string): GraphQLError {
  return badUserInput(`${where}: the representation lacks ${field}, which this field @requires from another agency`, ['representations']);
}

/**
 * A field the gateway should have sent through @requires, or a clear BAD_USER_INPUT naming it (`path` names it in the message).
 * An entity that arrives as null inside the representation is one whose owner failed to answer the gateway (which reports
 * that failure itself): then SUBGRAPH_UNAVAILABLE, since nothing can be computed from part of the facts.
 */
export function required<T extends object, K extends keyof T>(ref: T, field: K, where: string, path = String(field)): NonNullable<T[K]> {
  if ((ref as T | null | undefined) === null || ref === undefined) {
    throw new GraphQLError(`${where}: part of another agency's data this field @requires did not arrive (its subgraph failed to answer; see the other errors); nothing was computed from the rest`, {
      extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE },
    });
  }
  const value = ref[field];
  if (value === undefined || value === null) throw lacksRequired(where, path);
  return value as NonNullable<T[K]>;
}
