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

/** GraphQL SoilEarlyWarning. */
export interface SoilEarlyWarningModel {
  samplesInZones: number;
  exceedingSamples: number;
  byZoneLevel: ZoneLevelCount[];
  exceedances: ZoneSampleExceedanceModel[];
  /** Every sample inside the zones, at its innermost level (for summaries; not a GraphQL field). */
  inZones: { sampleId: string; level: ZoneLevel; exceeding: boolean }[];
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

/** Early warning for one source: its zones, and the assessed samples that may lie in them. */
export function earlyWarning(zones: readonly Zone[], candidates: readonly AssessedSample[], options: EarlyWarningOptions): SoilEarlyWarningModel {
  const inZones: { assessed: AssessedSample; zone: Zone; exceeding: AnalyteAssessment[] }[] = [];
  for (const assessed of candidates) {
    const { sampledOn } = assessed.sample;
    if ((options.sampledFrom !== undefined && sampledOn < options.sampledFrom) || (options.sampledTo !== undefined && sampledOn > options.sampledTo)) continue;
    const zone = innermostZone(assessed.sample, zones);
    if (zone !== undefined) inZones.push({ assessed, zone, exceeding: exceedingAnalytes(assessed.assessment, options) });
  }
  const exceedances = inZones
    .filter((s) => s.exceeding.length > 0)
    .sort((a, b) => newestFirst(a.assessed.sample, b.assessed.sample))
    .map(({ assessed, zone, exceeding }) => ({ sample: assessed.sample, zone: { id: zone.id }, zoneLevel: zone.level, assessment: assessed.assessment, exceeding }));
  return {
    samplesInZones: inZones.length,
    exceedingSamples: exceedances.length,
    byZoneLevel: ZONE_LEVELS.map((level) => ({
      level,
      samples: inZones.filter((s) => s.zone.level === level).length,
      exceedingSamples: exceedances.filter((e) => e.zoneLevel === level).length,
    })),
    exceedances,
    inZones: inZones.map((s) => ({ sampleId: s.assessed.sample.id, level: s.zone.level, exceeding: s.exceeding.length > 0 })),
  };
}

/**
 * The early warning of an area's sources summed up. A sample inside the zones of two sources
 * counts once, at the innermost level it lies in.
 */
export function earlyWarningSummary(warnings: readonly SoilEarlyWarningModel[]): EarlyWarningSummaryModel {
  const bySample = new Map<string, { level: ZoneLevel; exceeding: boolean }>();
  for (const s of warnings.flatMap((w) => w.inZones)) {
    const seen = bySample.get(s.sampleId);
    if (seen === undefined) bySample.set(s.sampleId, { level: s.level, exceeding: s.exceeding });
    else bySample.set(s.sampleId, { level: ZONE_LEVELS.indexOf(s.level) < ZONE_LEVELS.indexOf(seen.level) ? s.level : seen.level, exceeding: seen.exceeding || s.exceeding });
  }
  const samples = [...bySample.values()];
  const dates = warnings.flatMap((w) => w.exceedances.map((e) => e.sample.sampledOn)).sort();
  return {
    waterSources: warnings.length,
    waterSourcesWithExceedances: warnings.filter((w) => w.exceedingSamples > 0).length,
    samplesInZones: samples.length,
    exceedingSamples: samples.filter((s) => s.exceeding).length,
    byZoneLevel: ZONE_LEVELS.map((level) => ({
      level,
      samples: samples.filter((s) => s.level === level).length,
      exceedingSamples: samples.filter((s) => s.level === level && s.exceeding).length,
    })),
    latestExceedanceOn: dates.at(-1) ?? null,
  };
}
