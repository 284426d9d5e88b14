import { required } from '@soilgraph/server-kit';
import { canonicalDistrictCode } from '@soilgraph/domain';
import type { DistrictRef, ParcelRef, ProtectionZoneRef } from '../data/references.ts';
import type { AssessedMeasurementRow, SoilSampleRow } from '../data/soil-samples.ts';
import { assessSample, type SoilAssessment } from '../assessment/index.ts';

/** Planning's current and planned use of a parcel. */
export interface LandUse {
  landUse: string;
  plannedUse: string | null;
}

/**
 * What environment needs from other agencies to assess its samples: planning's land use of
 * each parcel and geology's arsenic background of each district, both taken from the
 * representation the gateway sent (@requires), never from environment's own tables.
 */
export interface AssessmentContext {
  /** Null when the sample lies on no registered parcel, or on one the representation did not carry. */
  landUseOf(parcelId: string | null): LandUse | null;
  arsenicBackgroundOf(districtCode: string): number | null;
}

function landUseOfRef(parcel: ParcelRef, where: string): LandUse {
  return { landUse: required(parcel, 'landUse', where), plannedUse: parcel.plannedUse ?? null };
}

function arsenicBackground(district: DistrictRef, where: string): number | null {
  const values = required(district, 'backgroundValues', where);
  return values.find((v) => v.analyte === 'ARSENIC')?.p95MgPerKg ?? null;
}

/** The context of one or more districts, each carrying allParcels (and backgroundValues when background matters). */
export function districtsContext(districts: readonly DistrictRef[], where: string, { backgrounds = true } = {}): AssessmentContext {
  const landUses = new Map<string, LandUse>();
  const backgroundByDistrict = new Map<string, number | null>();
  for (const district of districts) {
    for (const parcel of required(district, 'allParcels', where)) landUses.set(parcel.id, landUseOfRef(parcel, where));
    if (backgrounds) backgroundByDistrict.set(canonicalDistrictCode(district.code) ?? district.code, arsenicBackground(district, where));
  }
  return {
    landUseOf: (parcelId) => (parcelId === null ? null : (landUses.get(parcelId) ?? null)),
    arsenicBackgroundOf: (code) => backgroundByDistrict.get(code) ?? null,
  };
}

/**
 * The context of samples in protection zones: planning's parcels that intersect the zones with
 * their land use (each zone's own, or a district's zones' together), and the districts of those
 * parcels, which the zones carry, with geology's background.
 */
export function zonesContext(zones: readonly ProtectionZoneRef[], parcels: readonly ParcelRef[], where: string): AssessmentContext {
  const landUses = new Map<string, LandUse>();
  const backgroundByDistrict = new Map<string, number | null>();
  for (const parcel of parcels) landUses.set(parcel.id, landUseOfRef(parcel, where));
  for (const zone of zones) {
    for (const district of required(zone, 'districts', where)) {
      backgroundByDistrict.set(canonicalDistrictCode(district.code) ?? district.code, arsenicBackground(district, where));
    }
  }
  return {
    landUseOf: (parcelId) => (parcelId === null ? null : (landUses.get(parcelId) ?? null)),
    arsenicBackgroundOf: (code) => backgroundByDistrict.get(code) ?? null,
  };
}

/** The context of one parcel carrying landUse, plannedUse and district { backgroundValues }. */
export function parcelContext(parcel: ParcelRef, where: string): AssessmentContext {
  const landUse = landUseOfRef(parcel, where);
  const background = arsenicBackground(required(parcel, 'district', where), where);
  return {
    landUseOf: (parcelId) => (parcelId === parcel.id ? landUse : null),
    arsenicBackgroundOf: () => background,
  };
}

/**
 * A stored sample assessed in a context. Rejected measurements are left out: a value the
 * review rejected must not decide a risk level.
 */
export function assessStoredSample(sample: SoilSampleRow, measurements: readonly AssessedMeasurementRow[], context: AssessmentContext): SoilAssessment {
  const land = context.landUseOf(sample.parcelId);
  return assessSample({
    landUse: land?.landUse ?? null,
    plannedUse: land?.plannedUse ?? null,
    pH: sample.ph,
    arsenicBackgroundMgPerKg: context.arsenicBackgroundOf(sample.districtCode),
    measurements: measurements
      .filter((m) => m.qualityFlag !== 'REJECTED')
      .map((m) => ({ analyte: m.analyte, mgPerKg: m.valueMgPerKg, belowDetectionLimit: m.belowDetectionLimit, detectionLimitMgPerKg: m.detectionLimitMgPerKg })),
  });
}

/**
 * The context of one sample resolved through the gateway: its parcel (null when it lies on no
 * registered parcel) with planning's land use, and its district with geology's background.
 */
export function sampleContext(sample: { id: string; parcelId: string | null; parcel?: ParcelRef | null; district?: DistrictRef }, where: string): AssessmentContext {
  const background = arsenicBackground(required(sample, 'district', where), where);
  if (sample.parcel === undefined) required(sample, 'parcel', where);
  const parcel = sample.parcel ?? null;
  const landUse = parcel === null || sample.parcelId === null ? null : landUseOfRef(parcel, where);
  return {
    landUseOf: (parcelId) => (parcelId !== null && parcelId === sample.parcelId ? landUse : null),
    arsenicBackgroundOf: () => background,
  };
}
