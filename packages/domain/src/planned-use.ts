/**
 * GB 50137-2011 urban land-use classes used for planned use, with the GB 36600-2018
 * construction-land class each implies (source: domain.md, "GB 36600-2018").
 * Class 1: residential (R), schools (A33), medical (A5), social welfare (A6), community
 * and children's parks (G1). Class 2: everything else listed.
 */
export interface PlannedUseCode {
  code: string;
  name: string;
  constructionLandClass: 1 | 2;
  /**
   * True when a change to this use needs a soil survey (suspected-site screening and survey)
   * first: residential (R), commercial (B), schools (A33), medical (A5), social welfare and
   * elderly care (A6), parks and playgrounds (G1) (plan items 16-17; domain.md).
   */
  requiresSoilSurvey: boolean;
}

export const PLANNED_USE_CODES: readonly PlannedUseCode[] = [
  { code: 'R', name: 'residential', constructionLandClass: 1, requiresSoilSurvey: true },
  { code: 'R1', name: 'residential, class 1', constructionLandClass: 1, requiresSoilSurvey: true },
  { code: 'R2', name: 'residential, class 2', constructionLandClass: 1, requiresSoilSurvey: true },
  { code: 'R3', name: 'residential, class 3', constructionLandClass: 1, requiresSoilSurvey: true },
  { code: 'A', name: 'public administration and services', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'A1', name: 'administration', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'A2', name: 'culture', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'A3', name: 'education and research', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'A33', name: 'primary and secondary schools', constructionLandClass: 1, requiresSoilSurvey: true },
  { code: 'A5', name: 'medical and health', constructionLandClass: 1, requiresSoilSurvey: true },
  { code: 'A6', name: 'social welfare', constructionLandClass: 1, requiresSoilSurvey: true },
  { code: 'B', name: 'commercial and business', constructionLandClass: 2, requiresSoilSurvey: true },
  { code: 'B1', name: 'commercial', constructionLandClass: 2, requiresSoilSurvey: true },
  { code: 'B2', name: 'business', constructionLandClass: 2, requiresSoilSurvey: true },
  { code: 'M', name: 'industrial', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'M1', name: 'industrial, class 1', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'M2', name: 'industrial, class 2', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'M3', name: 'industrial, class 3', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'W', name: 'logistics and warehousing', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'S', name: 'roads and transport', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'U', name: 'public utilities', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'G', name: 'green space and squares', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'G1', name: 'parks (community and children\'s)', constructionLandClass: 1, requiresSoilSurvey: true },
  { code: 'G2', name: 'protective green space', constructionLandClass: 2, requiresSoilSurvey: false },
  { code: 'G3', name: 'squares', constructionLandClass: 2, requiresSoilSurvey: false },
];

const byCode = new Map(PLANNED_USE_CODES.map((p) => [p.code, p]));

export function plannedUseByCode(code: string): PlannedUseCode | undefined {
  return byCode.get(code);
}

/**
 * Whether a change to a planned use needs a soil survey first (plan items 16-17). Meant for
 * stored data, whose codes were checked when they came in: an unknown code answers true, the
 * cautious answer (a survey too many is better than a missed one). Input must reject unknown
 * codes itself (plannedUseByCode returns undefined for them) rather than rely on this answer.
 */
export function requiresSoilSurvey(code: string): boolean {
  return byCode.get(code)?.requiresSoilSurvey ?? true;
}
