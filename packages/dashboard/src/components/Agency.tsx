import { useMemo, useState } from 'react';
import { useQuery } from '../api.ts';
import { type Analyte, DashboardContaminatedSitesDocument, DashboardSamplesDocument, DashboardWaterSourcesDocument } from '../generated.ts';
import { RISK_LEVELS, ZONE_LEVELS } from '../labels.ts';
import { Chart } from './Chart.tsx';
import { Pending } from './Pending.tsx';

const ANALYTES: Analyte[] = ['CADMIUM', 'MERCURY', 'ARSENIC', 'LEAD', 'CHROMIUM', 'COPPER', 'NICKEL', 'ZINC'];

/** What a signed-in agency reads beyond the published figures: a district's samples, water sources and sites. */
export function AgencyPanels({ code, scopes }: { code: string; scopes: readonly string[] }) {
  return (
    <>
      <Samples code={code} />
      <WaterSources code={code} canReadIntakes={scopes.includes('water:read')} />
      <ContaminatedSites code={code} />
    </>
  );
}

function Samples({ code }: { code: string }) {
  const [analyte, setAnalyte] = useState<Analyte>('CADMIUM');
  const result = useQuery(DashboardSamplesDocument, { code, analyte });
  const samples = result.state === 'done' ? (result.data.district?.soilSamples.edges ?? []).map((e) => e.node) : [];
  const points = samples.flatMap((s) => s.measurements.map((m) => [s.sampledOn, m.belowDetectionLimit ? null : m.mgPerKg] as const)).filter(([, v]) => v !== null);
  const option = useMemo(
    () => ({
      grid: { left: 60, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: 'mg/kg', scale: true },
      series: [{ type: 'scatter', symbolSize: 6, data: points }],
    }),
    [result],
  );
  return (
    <section className="panel" data-panel="samples">
      <h3>
        Soil samples over time:{' '}
        <select aria-label="analyte" value={analyte} onChange={(e) => setAnalyte(e.target.value as Analyte)}>
          {ANALYTES.map((a) => (
            <option key={a} value={a}>
              {a.toLowerCase()}
            </option>
          ))}
        </select>
      </h3>
      <Pending result={result}>
        {(data) => (
          <Chart
            name="samples"
            title={`The district's ${samples.length} newest of ${data.district?.soilSamples.totalCount ?? 0} samples with ${analyte.toLowerCase()} (mg/kg; below detection limit left out)`}
            option={option}
            table={{ columns: ['sampled on', 'mg/kg'], rows: points.map(([d, v]) => [d, v]) }}
          />
        )}
      </Pending>
    </section>
  );
}

function WaterSources({ code, canReadIntakes }: { code: string; canReadIntakes: boolean }) {
  const result = useQuery(DashboardWaterSourcesDocument, { code });
  return (
    <section className="panel" data-panel="water-sources">
      <h3>Water sources and their protection-zone warnings</h3>
      <Pending result={result}>
        {(data, forbidden) => {
          const sources = data.district?.waterSources.edges.map((e) => e.node) ?? [];
          if (sources.length === 0) return <p>No centralised drinking-water source in this district.</p>;
          return (
            <table>
              <thead>
                <tr>
                  <th>source</th>
                  <th>kind</th>
                  <th>m³/day</th>
                  <th>intake (water:read)</th>
                  <th>samples in zones</th>
                  <th>above screening, by zone</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((s, i) => {
                  const restricted = forbidden.has(`district.waterSources.edges.${i}.node.location`);
                  const point = s.location?.type === 'Point' ? s.location.coordinates : undefined;
                  const warning = s.soilEarlyWarning;
                  return (
                    <tr key={s.id} data-source={s.id} className={warning.exceedingSamples > 0 ? 'exceeding' : undefined}>
                      <td>
                        {s.name} <small>{s.id}</small>
                      </td>
                      <td>{s.kind.toLowerCase()}</td>
                      <td>{s.capacityM3PerDay.toLocaleString('en')}</td>
                      <td className="intake">
                        {restricted || s.location === null ? (
                          <span className="restricted" title={canReadIntakes ? '' : 'Sign in with a water token with water:read'}>
                            restricted
                          </span>
                        ) : point ? (
                          `${point[1]!.toFixed(4)}° N, ${point[0]!.toFixed(4)}° E`
                        ) : (
                          'not a point'
                        )}
                      </td>
                      <td>{warning.samplesInZones}</td>
                      <td>
                        {warning.exceedingSamples}
                        {warning.byZoneLevel.length > 0 && ` (${warning.byZoneLevel.map((z) => `${ZONE_LEVELS[z.level]}: ${z.exceedingSamples}`).join(', ')})`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          );
        }}
      </Pending>
    </section>
  );
}

function ContaminatedSites({ code }: { code: string }) {
  const result = useQuery(DashboardContaminatedSitesDocument, { code });
  return (
    <section className="panel" data-panel="contaminated-sites">
      <h3>Contaminated-site registry</h3>
      <Pending result={result}>
        {(data) => {
          const sites = data.district?.contaminatedSites.edges.map((e) => e.node) ?? [];
          if (sites.length === 0) return <p>No site of the registry in this district.</p>;
          return (
            <table>
              <thead>
                <tr>
                  <th>site</th>
                  <th>former activity</th>
                  <th>status</th>
                  <th>since</th>
                  <th>soil risk (latest survey)</th>
                </tr>
              </thead>
              <tbody>
                {sites.map((s) => (
                  <tr key={s.id} data-site={s.id}>
                    <td>
                      {s.name} <small>{s.id}</small>
                    </td>
                    <td>{s.formerActivity}</td>
                    <td>{s.status.toLowerCase().replace(/_/g, ' ')}</td>
                    <td>{s.statusSince}</td>
                    <td>{s.assessment === null ? 'not surveyed' : `${s.assessment.riskLevel === null ? 'not assessable' : RISK_LEVELS[s.assessment.riskLevel]} (${s.assessment.surveyYear})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Pending>
    </section>
  );
}
