import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

/** The response keys (alias or name) an operation selects at its root, through fragments. */
function rootKeys(selectionSet: SelectionSetNode, context: ValidationContext, keys = new Set<string>(), spread = new Set<string>()): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) keys.add((selection.alias ?? selection.name).value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootKeys(selection.selectionSet, context, keys, spread);
    else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) rootKeys(fragment.selectionSet, context, keys, spread);
    }
  }
  return keys;
}

/**
 * Refuses an operation with more than `max` root fields: each root field is a separate entry
 * into the subgraphs, so a wide operation multiplies their work as surely as a deep one.
 * graphql-armor has no such rule.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const count = rootKeys(operation.selectionSet, context).size;
      if (count > max) {
        context.reportError(new GraphQLError(`Root fields limit of ${max} exceeded, found ${count}.`, { nodes: [operation] }));
      }
    },
  });
}
