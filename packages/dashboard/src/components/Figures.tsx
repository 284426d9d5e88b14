import { useMemo } from 'react';
import type { IndicatorsFragment, RiskSummaryFragment, WarningFragment } from '../generated.ts';
import { FARMLAND_CLASSES, INDICATORS, RISK_LEVELS, STANDARDS, ZONE_LEVELS } from '../labels.ts';
import { Chart } from './Chart.tsx';

export interface AreaFigures {
  soilRisk: RiskSummaryFragment;
  farmlandClasses: readonly { farmlandClass: keyof typeof FARMLAND_CLASSES; officialAreaHa: number; suggestedAreaHa: number; officialParcels: number; suggestedParcels: number }[];
  drinkingWaterEarlyWarning: WarningFragment;
  planIndicators: IndicatorsFragment;
}

/** The published figures of the city or a district: what anonymous callers see too. */
export function Figures({ figures }: { figures: AreaFigures }) {
  return (
    <div className="figures">
      <SoilRisk summary={figures.soilRisk} />
      <FarmlandClasses classes={figures.farmlandClasses} />
      <EarlyWarning warning={figures.drinkingWaterEarlyWarning} />
      <PlanIndicators indicators={figures.planIndicators} />
    </div>
  );
}

function SoilRisk({ summary }: { summary: RiskSummaryFragment }) {
  const rows = summary.counts.map((c) => [STANDARDS[c.standard], c.riskLevel === null ? 'not assessable' : RISK_LEVELS[c.riskLevel], c.parcels]);
  const option = useMemo(
    () => ({
      grid: { left: 150, right: 40, top: 10, bottom: 20 },
      xAxis: { type: 'value', splitNumber: 3 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => `${r[0]}: ${r[1]}`) },
      series: [{ type: 'bar', data: rows.map((r) => r[2]), label: { show: true, position: 'right' }, itemStyle: { color: '#5470c6' } }],
    }),
    [summary],
  );
  return (
    <Chart
      name="soil-risk"
      title={`Sampled parcels by soil risk (${summary.parcelsSampled} parcels sampled)`}
      option={option}
      table={{ columns: ['standard', 'risk level', 'parcels'], rows }}
      height={Math.max(120, rows.length * 32 + 30)}
    />
  );
}

function FarmlandClasses({ classes }: { classes: AreaFigures['farmlandClasses'] }) {
  const option = useMemo(
    () => ({
      legend: { top: 0 },
      grid: { left: 60, right: 10, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: classes.map((c) => FARMLAND_CLASSES[c.farmlandClass]), axisLabel: { interval: 0, fontSize: 10 } },
      yAxis: { type: 'value' },
      series: [
        { name: 'official', type: 'bar', data: classes.map((c) => c.officialAreaHa), label: { show: true, position: 'top' } },
        { name: 'suggested by the soil', type: 'bar', data: classes.map((c) => c.suggestedAreaHa), label: { show: true, position: 'top' } },
      ],
    }),
    [classes],
  );
  return (
    <Chart
      name="farmland-classes"
      title="Farmland by class (hectares): agriculture's decisions and what the soil suggests"
      option={option}
      table={{
        columns: ['class', 'official ha', 'official parcels', 'suggested ha', 'suggested parcels'],
        rows: classes.map((c) => [FARMLAND_CLASSES[c.farmlandClass], c.officialAreaHa, c.officialParcels, c.suggestedAreaHa, c.suggestedParcels]),
      }}
    />
  );
}

function EarlyWarning({ warning }: { warning: WarningFragment }) {
  return (
    <section className="warning" data-panel="early-warning">
      <h3>Drinking-water early warning</h3>
      <p>
        <strong>{warning.waterSourcesWithExceedances}</strong> of {warning.waterSources} water sources have soil samples above a screening value in their
        protection zones: <strong>{warning.exceedingSamples}</strong> of {warning.samplesInZones} samples
        {warning.latestExceedanceOn === null ? '' : `, the latest taken on ${warning.latestExceedanceOn}`}.
      </p>
      <table>
        <thead>
          <tr>
            <th>zone</th>
            <th>samples</th>
            <th>above screening</th>
          </tr>
        </thead>
        <tbody>
          {warning.byZoneLevel.map((z) => (
            <tr key={z.level}>
              <td>{ZONE_LEVELS[z.level]}</td>
              <td>{z.samples}</td>
              <td>{z.exceedingSamples}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlanIndicators({ indicators }: { indicators: IndicatorsFragment }) {
  const rows = indicators.indicators.map((i) => [INDICATORS[i.indicator], i.valuePct, i.targetPct, i.target, i.status.toLowerCase().replace(/_/g, ' ')]);
  const option = useMemo(
    () => ({
      legend: { top: 0 },
      grid: { left: 230, right: 40, top: 30, bottom: 20 },
      xAxis: { type: 'value', name: '%' },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r[0]) },
      series: [
        { name: `value ${indicators.year}`, type: 'bar', data: rows.map((r) => r[1]), label: { show: true, position: 'right' } },
        { name: 'target', type: 'bar', data: rows.map((r) => r[2]), itemStyle: { color: '#bbb' } },
      ],
    }),
    [indicators],
  );
  return (
    <Chart
      name="plan-indicators"
      title={`Plan indicators in ${indicators.year} against their targets (baseline ${indicators.baselineYear})`}
      option={option}
      table={{ columns: ['indicator', 'value %', 'target %', 'target', 'status'], rows }}
      height={rows.length * 36 + 50}
    />
  );
}
