import type { Feature, FeatureCollection, Geometry } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import districts from '../districts.json' with { type: 'json' };
import { colourOf, NO_DATA, percent, RISK_BINS } from '../labels.ts';

interface DistrictProperties {
  code: string;
  name: string;
  nameZh: string;
}

/**
 * Beijing's 16 districts (approximate shapes shipped with the app, src/districts.json) coloured by
 * soil risk; a click selects a district. No tile layer: nothing is fetched from the internet.
 */
export function DistrictMap({ shares, selected, onSelect }: { shares: ReadonlyMap<string, number | null>; selected: string | undefined; onSelect: (code: string) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const layer = useRef<L.GeoJSON<DistrictProperties> | undefined>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const map = L.map(element.current!, { zoomSnap: 0.25, attributionControl: false, scrollWheelZoom: false });
    const shapes = L.geoJSON(districts as FeatureCollection<Geometry, DistrictProperties>, {
      onEachFeature: (feature: Feature<Geometry, DistrictProperties>, district) => {
        district.on('click', () => select.current(feature.properties.code));
      },
    }).addTo(map);
    map.fitBounds(shapes.getBounds(), { padding: [8, 8] });
    layer.current = shapes;
    return () => {
      map.remove();
      layer.current = undefined;
    };
  }, []);

  useEffect(() => {
    layer.current?.eachLayer((district) => {
      const path = district as L.Path & { feature: Feature<Geometry, DistrictProperties> };
      const { code, name, nameZh } = path.feature.properties;
      const share = shares.get(code);
      path.setStyle({
        fillColor: colourOf(share),
        fillOpacity: 0.8,
        color: code === selected ? '#111' : '#fff',
        weight: code === selected ? 3 : 1,
      });
      const element = path.getElement();
      if (element) {
        element.setAttribute('class', `leaflet-interactive district district-${code}${code === selected ? ' selected' : ''}`);
        element.setAttribute('data-district', code);
        element.setAttribute('aria-label', `${name} (${nameZh}): ${percent(share ?? null)} of sampled parcels at risk`);
      }
      path.unbindTooltip().bindTooltip(`${name} ${nameZh}<br>${share === undefined ? 'loading…' : `${percent(share)} of sampled parcels at risk`}`, { sticky: true });
      if (code === selected) path.bringToFront();
    });
  }, [shares, selected]);

  return (
    <div className="map-frame">
      <div ref={element} className="map" role="region" aria-label="Map of Beijing's districts by soil risk" />
      <div className="legend">
        <strong>Sampled parcels at possible or high risk</strong>
        {RISK_BINS.map((bin, i) => (
          <span key={bin.colour}>
            <i style={{ background: bin.colour }} />
            {i === 0 ? `≤ ${bin.upTo * 100}%` : Number.isFinite(bin.upTo) ? `${RISK_BINS[i - 1]!.upTo * 100}–${bin.upTo * 100}%` : `> ${RISK_BINS[i - 1]!.upTo * 100}%`}
          </span>
        ))}
        <span>
          <i style={{ background: NO_DATA }} />
          no samples
        </span>
        <small>District shapes are approximate (not surveyed boundaries).</small>
      </div>
    </div>
  );
}
