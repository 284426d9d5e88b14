export * from './access.ts';
export * from './caller.ts';
export * from './config.ts';
export * from './tokens.ts';
