import type { ApolloServerOptionsWithGateway, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ErrorCode } from '@soilgraph/server-kit';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { GatewayLimits } from '../config.ts';
import { type CostModel, CostMemo, costTooHigh } from './cost.ts';
import { maxRootFieldsRule } from './root-fields.ts';

export { readCostModel, type CostModel, DEFAULT_LIST_SIZE } from './cost.ts';

/**
 * graphql-armor reports "Syntax Error: Query depth limit of 12 exceeded, found 13."; the
 * operation is well formed, so the message loses its misleading prefix. Apollo Server gives
 * every validation error the code GRAPHQL_VALIDATION_FAILED and status 400.
 */
function refuse(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
}

/** Depth, aliases and directives from graphql-armor; root fields from our own rule. */
function shapeRules(limits: GatewayLimits): ValidationRule[] {
  const reject = { onReject: [refuse], propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...reject },
    maxAliases: { n: limits.maxAliases, ...reject },
    maxDirectives: { n: limits.maxDirectives, ...reject },
    // graphql-js counts tokens while it parses (parseOptions below) and Apollo answers
    // GRAPHQL_PARSE_FAILED; armor's token plugin throws from a hook, which Apollo turns into a 500.
    maxTokens: { enabled: false },
    // armor's cost ignores list sizes; ours follows the cost directive specification (cost.ts).
    costLimit: { enabled: false },
    // Apollo's hideSchemaDetailsFromClientErrors (below) removes every "Did you mean ...?";
    // armor's pattern misses enum value suggestions and leaves a stray "?".
    blockFieldSuggestion: { enabled: false },
  });
  return [...armor.protect().validationRules, maxRootFieldsRule(limits.maxRootFields)];
}

/**
 * Refuses an operation whose estimated cost is over `maxCost`. It runs once the operation is
 * known (didResolveOperation) because the cost depends on the variables (`first: $n`), and
 * before the gateway plans the operation.
 */
function costLimitPlugin(model: () => CostModel, maxCost: number): ApolloServerPlugin {
  const costs = new CostMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation }) {
          let cost: number;
          try {
            cost = costs.of(model(), schema, document, request.variables, operation?.name?.value);
          } catch (error) {
            // Variables that cannot be coerced (a string for `first`, a missing required one);
            // without graphql-js's "Did you mean ...?", as for validation errors.
            const message = (error as Error).message.replace(/ ?Did you mean(.+?)\?$/, '');
            throw new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
          }
          if (cost > maxCost) throw costTooHigh(cost, maxCost);
        },
      };
    },
  };
}

/**
 * The Apollo Server options that refuse abusive requests before the gateway plans them. The
 * shape rules run after graphql-js's own rules (Apollo runs its validationRules "later" when
 * maxRecursiveSelections is on), so a fragment cycle is refused by graphql-js before any
 * counting follows it, and fragments that expand to more than 10,000 selections are refused.
 */
export function limitOptions(
  limits: GatewayLimits,
  /** The supergraph's cost model; a function when a reloaded supergraph may replace it. */
  costModel: CostModel | (() => CostModel),
): Pick<
  ApolloServerOptionsWithGateway<BaseContext>,
  | 'parseOptions'
  | 'maxRecursiveSelections'
  | 'validationRules'
  | 'plugins'
  | 'introspection'
  | 'allowBatchedHttpRequests'
  | 'csrfPrevention'
  | 'hideSchemaDetailsFromClientErrors'
> {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    maxRecursiveSelections: true,
    validationRules: shapeRules(limits),
    plugins: [costLimitPlugin(typeof costModel === 'function' ? costModel : () => costModel, limits.maxCost)],
    introspection: limits.allowIntrospection,
    allowBatchedHttpRequests: limits.allowBatchedRequests,
    // A browser may send text/plain, form or multipart POSTs and GETs cross-site without a
    // preflight: Apollo refuses them unless they carry a non-simple content type or header.
    csrfPrevention: true,
    hideSchemaDetailsFromClientErrors: true,
  };
}
