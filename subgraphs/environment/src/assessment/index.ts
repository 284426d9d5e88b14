/**
 * The soil assessment engine (domain.md, "GB 15618-2018" and "GB 36600-2018"): pure functions over
 * the reviewed threshold tables, used by Query.assessSoil and by every stored-sample assessment.
 */
export type { AnalyteAssessment, FarmlandClass, MeasurementToAssess, RiskLevel, SampleToAssess, SoilAssessment } from './engine.ts';
export { assessSample, compareSeverity, FARMLAND_CLASS_OF } from './engine.ts';
export { applicableSoilStandard, type ApplicableStandard } from './standards.ts';
