import { isListedStatus, type SiteStatus } from '@soilgraph/db/environment';

/*
 * The negative list for the development of contaminated sites (Beijing soil pollution
 * prevention work plan, 2016, item 18: the contaminated-site list and a negative list for its
 * development). Reviewed data: each rule keeps its source so that a reviewer can compare it
 * with the original text.
 *
 * Both rules are in force while a site is on the list: LISTED, UNDER_CONTROL,
 * UNDER_REMEDIATION and REMEDIATED (remediation finished but its effect evaluation pending,
 * so the targets are not yet shown to be met). A site re-assessed and taken off the list
 * (REASSESSED), a suspected site and one surveyed and found not to need the list carry none.
 *
 * Modelling:
 * - A rule names the GB 50137-2011 planned-use codes it forbids. GB 50137 codes are
 *   hierarchical, so a code covers itself and every code under it: R covers R2, A covers A33
 *   and A5, A3 would cover A33. violatedByPlannedUse says whether the parcel's planned use
 *   (planning's, sent by the gateway through @requires) is covered by one of them; a parcel
 *   without a planned use breaks none.
 * - The second rule forbids construction works (any project unrelated to risk control or
 *   remediation), not a use. The platform records no construction projects and a planned use
 *   alone cannot break it, so it forbids no planned-use code and is never reported violated;
 *   it is listed so that callers see that it is in force.
 */

/** A rule of the negative list (GraphQL LandUseRestriction without the verdict). */
export interface NegativeListRule {
  /** What is forbidden, in words. */
  rule: string;
  /** GB 50137 planned-use codes the rule forbids; a code covers every code under it. */
  forbiddenPlannedUses: readonly string[];
  /** The regulation, with the article and its original wording. */
  source: string;
}

/** A rule in force on a listed site, with its verdict on the parcel's planned use (GraphQL LandUseRestriction). */
export interface LandUseRestrictionModel {
  rule: string;
  forbiddenPlannedUses: string[];
  source: string;
  violatedByPlannedUse: boolean;
}

export const NEGATIVE_LIST: readonly NegativeListRule[] = [
  {
    rule: 'Not to be used as residential land (R) or as public administration and public services land (A) while on the contaminated-site list.',
    forbiddenPlannedUses: ['R', 'A'],
    source:
      'Soil Pollution Prevention and Control Law of the PRC (2018), art. 61: 列入建设用地土壤污染风险管控和修复名录的地块，不得作为住宅、公共管理与公共服务用地; Beijing soil pollution prevention work plan (2016), item 18',
  },
  {
    rule: 'No construction project unrelated to risk control or remediation until the risk control or remediation targets set by the risk assessment report are met.',
    forbiddenPlannedUses: [],
    source:
      'Soil Pollution Prevention and Control Law of the PRC (2018), art. 66: 未达到土壤污染风险评估报告确定的风险管控、修复目标的建设用地地块，禁止开工建设任何与风险管控、修复无关的项目; Beijing soil pollution prevention work plan (2016), item 18',
  },
];

/** Whether a forbidden GB 50137 code covers a planned use: the code itself or any code under it. */
export function coversPlannedUse(forbidden: string, plannedUse: string): boolean {
  return plannedUse.trim().toUpperCase().startsWith(forbidden);
}

/** The rules in force on a site in this status (none unless listed), each judged against the parcel's planned use. */
export function restrictionsFor(status: SiteStatus, plannedUse: string | null): LandUseRestrictionModel[] {
  if (!isListedStatus(status)) return [];
  return NEGATIVE_LIST.map((r) => ({
    rule: r.rule,
    forbiddenPlannedUses: [...r.forbiddenPlannedUses],
    source: r.source,
    violatedByPlannedUse: plannedUse !== null && r.forbiddenPlannedUses.some((code) => coversPlannedUse(code, plannedUse)),
  }));
}
