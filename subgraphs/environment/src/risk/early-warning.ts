import { required } from '@soilgraph/server-kit';
import type { Analyte } from '@soilgraph/domain';
import { bboxOf, geometriesIntersect } from '@soilgraph/geo';
import type { BBoxColumns } from '@soilgraph/geo';
import { type AnalyteAssessment, compareSeverity, type SoilAssessment } from '../assessment/index.ts';
import type { SoilStandardCode } from '../assessment/standards.ts';
import type { ProtectionZoneRef, WaterSourceRef } from '../data/references.ts';
import type { SoilSampleRow } from '../data/soil-samples.ts';
import { type AssessedSample, newestFirst } from './surveys.ts';

type ZoneLevel = NonNullable<ProtectionZoneRef['level']>;
const ZONE_LEVELS: readonly ZoneLevel[] = ['LEVEL_1', 'LEVEL_2', 'QUASI'];

/** A zone as the gateway sent it, with the fields the test needs. */
interface Zone {
  id: string;
  level: ZoneLevel;
  geometry: NonNullable<ProtectionZoneRef['geometry']>;
  bbox: BBoxColumns;
}

export interface ZoneSampleExceedanceModel {
  sample: SoilSampleRow;
  zone: { id: string };
  zoneLevel: ZoneLevel;
  assessment: SoilAssessment;
  exceeding: AnalyteAssessment[];
}

export interface ZoneLevelCount {
  level: ZoneLevel;
  samples: number;
  exceedingSamples: number;
}

/** A sample that may lie in the zones: assessed, with its analytes above screening within the options, worst first. */
export interface WarningCandidate extends AssessedSample {
  exceeding: AnalyteAssessment[];
}

/** A sample inside a source's zones, at the innermost zone that holds it. */
interface InZone {
  candidate: WarningCandidate;
  zone: Zone;
}

/** GraphQL SoilEarlyWarning. */
export interface SoilEarlyWarningModel {
  samplesInZones: number;
  exceedingSamples: number;
  byZoneLevel: ZoneLevelCount[];
  exceedances: ZoneSampleExceedanceModel[];
  /** Every sample inside the zones, at its innermost level (for summaries; not a GraphQL field). */
  inZones: InZone[];
}

/** GraphQL EarlyWarningSummary: published, counts only. */
export interface EarlyWarningSummaryModel {
  waterSources: number;
  waterSourcesWithExceedances: number;
  samplesInZones: number;
  exceedingSamples: number;
  byZoneLevel: ZoneLevelCount[];
  latestExceedanceOn: string | null;
}

/** What counts: only one analyte's exceedances, only under one standard, only samples taken in a date range, when given. */
export interface EarlyWarningOptions {
  analyte?: Analyte;
  standard?: SoilStandardCode;
  sampledFrom?: string;
  sampledTo?: string;
}

/** The zones of a water-source representation, innermost level first, then by id. */
export function zonesOf(source: WaterSourceRef, where: string): Zone[] {
  return required(source, 'zones', where)
    .map((z) => {
      const geometry = required(z, 'geometry', where);
      return { id: z.id, level: required(z, 'level', where), geometry, bbox: bboxOf(geometry) };
    })
    .sort((a, b) => ZONE_LEVELS.indexOf(a.level) - ZONE_LEVELS.indexOf(b.level) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The boxes that hold every zone of the sources: the SQL pre-selection of candidate samples. */
export function zoneBoxes(zones: readonly Zone[]): BBoxColumns[] {
  return zones.map((z) => z.bbox);
}

function innermostZone(sample: SoilSampleRow, zones: readonly Zone[]): Zone | undefined {
  const [lon, lat] = sample.location.coordinates as [number, number];
  return zones.find(
    (z) => lon >= z.bbox.minLon && lon <= z.bbox.maxLon && lat >= z.bbox.minLat && lat <= z.bbox.maxLat && geometriesIntersect(sample.location, z.geometry),
  );
}

/** The analytes of an assessment above their screening value, worst first, within the options. */
function exceedingAnalytes(assessment: SoilAssessment, options: EarlyWarningOptions): AnalyteAssessment[] {
  if (options.standard !== undefined && assessment.standard.standard !== options.standard) return [];
  return assessment.analytes
    .filter((a) => (a.level === 'POSSIBLE' || a.level === 'HIGH') && (options.analyte === undefined || a.analyte === options.analyte))
    .sort((a, b) => compareSeverity(a, b));
}

/** An assessed sample as a candidate: its exceedances worked out once, however many sources' zones may hold it. */
export function warningCandidate(assessed: AssessedSample, options: EarlyWarningOptions): WarningCandidate {
  return { ...assessed, exceeding: exceedingAnalytes(assessed.assessment, options) };
}

/** Samples and exceeding samples at each zone level, innermost first. */
function countByLevel(inZones: readonly InZone[]): ZoneLevelCount[] {
  const counts = ZONE_LEVELS.map((level) => ({ level, samples: 0, exceedingSamples: 0 }));
  for (const { candidate, zone } of inZones) {
    const count = counts[ZONE_LEVELS.indexOf(zone.level)]!;
    count.samples += 1;
    if (candidate.exceeding.length > 0) count.exceedingSamples += 1;
  }
  return counts;
}

/** Early warning for one source: its zones, and the candidate samples that may lie in them. */
export function earlyWarning(zones: readonly Zone[], candidates: readonly WarningCandidate[], options: EarlyWarningOptions): SoilEarlyWarningModel {
  const inZones: InZone[] = [];
  for (const candidate of candidates) {
    const { sampledOn } = candidate.sample;
    if ((options.sampledFrom !== undefined && sampledOn < options.sampledFrom) || (options.sampledTo !== undefined && sampledOn > options.sampledTo)) continue;
    const zone = innermostZone(candidate.sample, zones);
    if (zone !== undefined) inZones.push({ candidate, zone });
  }
  const exceedances = inZones
    .filter((s) => s.candidate.exceeding.length > 0)
    .sort((a, b) => newestFirst(a.candidate.sample, b.candidate.sample))
    .map(({ candidate, zone }) => ({ sample: candidate.sample, zone: { id: zone.id }, zoneLevel: zone.level, assessment: candidate.assessment, exceeding: candidate.exceeding }));
  return { samplesInZones: inZones.length, exceedingSamples: exceedances.length, byZoneLevel: countByLevel(inZones), exceedances, inZones };
}

/**
 * The early warning of an area's sources summed up. A sample inside the zones of two sources
 * counts once, at the innermost level it lies in.
 */
export function earlyWarningSummary(warnings: readonly SoilEarlyWarningModel[]): EarlyWarningSummaryModel {
  const innermost = new Map<string, InZone>();
  let latestExceedanceOn: string | null = null;
  for (const warning of warnings) {
    for (const s of warning.inZones) {
      const seen = innermost.get(s.candidate.sample.id);
      if (seen === undefined || ZONE_LEVELS.indexOf(s.zone.level) < ZONE_LEVELS.indexOf(seen.zone.level)) innermost.set(s.candidate.sample.id, s);
    }
    for (const e of warning.exceedances) if (latestExceedanceOn === null || e.sample.sampledOn > latestExceedanceOn) latestExceedanceOn = e.sample.sampledOn;
  }
  const byZoneLevel = countByLevel([...innermost.values()]);
  return {
    waterSources: warnings.length,
    waterSourcesWithExceedances: warnings.filter((w) => w.exceedingSamples > 0).length,
    samplesInZones: innermost.size,
    exceedingSamples: byZoneLevel.reduce((n, c) => n + c.exceedingSamples, 0),
    byZoneLevel,
    latestExceedanceOn,
  };
}
