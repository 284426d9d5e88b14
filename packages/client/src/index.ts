export * from './generated/graphql.ts';
export * from './request.ts';
