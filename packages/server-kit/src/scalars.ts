import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Geometry } from '@soilgraph/geo';
import { z } from 'zod';
import { ErrorCode } from './errors.ts';

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

function assertGeometry(value: unknown): Geometry {
  if (typeof value !== 'object' || value === null || !GEOMETRY_TYPES.has((value as { type?: string }).type ?? '')) {
    throw invalid('GeoJSON must be a geometry object with a "type" such as "Polygon" or "Point" (RFC 7946, WGS84)');
  }
  return value as Geometry;
}

function literalToValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literalToValue(f.value)]));
    case Kind.LIST:
      return node.values.map(literalToValue);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    default:
      return null;
  }
}

/** A GeoJSON geometry (RFC 7946) in WGS84 longitude/latitude. */
export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object (RFC 7946), WGS84 longitude/latitude.',
  serialize: (value) => assertGeometry(value),
  parseValue: (value) => assertGeometry(value),
  parseLiteral: (node) => assertGeometry(literalToValue(node)),
});

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function assertDate(value: unknown): string {
  if (typeof value === 'string' && DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    const roundTrip = new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10);
    if (roundTrip === value) return value;
  }
  throw invalid(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

/** A calendar date, ISO 8601 `YYYY-MM-DD`. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, ISO 8601 YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : assertDate(value)),
  parseValue: (value) => assertDate(value),
  parseLiteral: (node) => assertDate(node.kind === Kind.STRING ? node.value : undefined),
});

/** RFC 3339: a date, a time and a UTC offset (Z or ±hh:mm); calendar and clock ranges checked. */
const instant = z.iso.datetime({ offset: true });

function assertDateTime(value: unknown): string {
  if (!instant.safeParse(value).success) {
    throw invalid(`DateTime must be an RFC 3339 date and time with its UTC offset, such as 2025-05-12T08:30:00Z, got ${JSON.stringify(value)}`);
  }
  // One spelling for one instant (UTC, milliseconds): filters and cache keys compare it as text.
  return new Date(value as string).toISOString();
}

/** An instant, RFC 3339 with its offset on input, `YYYY-MM-DDThh:mm:ss.sssZ` (UTC) on output. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant: an RFC 3339 date and time with its UTC offset. Answers are in UTC with milliseconds.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : assertDateTime(value)),
  parseValue: (value) => assertDateTime(value),
  parseLiteral: (node) => assertDateTime(node.kind === Kind.STRING ? node.value : undefined),
});
