import { useMemo, useState } from 'react';
import { type Api, ApiContext, useQuery } from './api.ts';
import { AgencyPanels } from './components/Agency.tsx';
import { DistrictMap } from './components/DistrictMap.tsx';
import { Figures } from './components/Figures.tsx';
import { Pending } from './components/Pending.tsx';
import { SignIn } from './components/SignIn.tsx';
import { DashboardCityDocument, DashboardDistrictDocument } from './generated.ts';
import { atRiskShare } from './labels.ts';
import { type Session, storedSession, storeSession } from './session.ts';

/** The plan's target year: its indicators are judged against their targets then. */
const YEAR = 2020;

export function App({ gatewayUrl }: { gatewayUrl: string }) {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const change = (next: Session | undefined) => {
    storeSession(next);
    setSession(next);
    setNotice(undefined);
  };
  const api = useMemo<Api>(
    () => ({
      gatewayUrl,
      session,
      onUnauthenticated: (message) => {
        change(undefined);
        setNotice(`Signed out: the gateway refused the token (${message})`);
      },
    }),
    [gatewayUrl, session],
  );
  return (
    <ApiContext.Provider value={api}>
      <header>
        <h1>
          SoilGraph <small>Beijing soil-environment information</small>
        </h1>
        <span className="synthetic">Demo data is synthetic</span>
        <SignIn session={session} notice={notice} onChange={change} />
      </header>
      <Dashboard selected={selected} onSelect={setSelected} session={session} />
    </ApiContext.Provider>
  );
}

function Dashboard({ selected, onSelect, session }: { selected: string | undefined; onSelect: (code: string | undefined) => void; session: Session | undefined }) {
  const city = useQuery(DashboardCityDocument, { year: YEAR });
  const shares = useMemo(
    () => new Map(city.state === 'done' ? city.data.city.districts.map((d) => [d.code, atRiskShare(d.soilRisk)] as const) : []),
    [city],
  );
  const names = city.state === 'done' ? new Map(city.data.city.districts.map((d) => [d.code, d] as const)) : new Map();
  return (
    <main>
      <div className="left">
        <DistrictMap shares={shares} selected={selected} onSelect={onSelect} />
        {city.state === 'failed' && (
          <p className="error" role="alert">
            {city.message}
          </p>
        )}
      </div>
      <div className="right">
        <nav className="crumbs">
          <button type="button" onClick={() => onSelect(undefined)} disabled={selected === undefined}>
            Beijing
          </button>
          {selected !== undefined && <span> › {names.get(selected)?.name ?? selected}</span>}
        </nav>
        {selected === undefined ? (
          <Pending result={city}>
            {(data) => (
              <>
                <h2 data-area="110000">{data.city.name}: the whole city</h2>
                <Figures figures={data.city} />
                <p className="hint">Click a district on the map for its figures{session ? ', samples, water sources and contaminated sites' : ''}.</p>
              </>
            )}
          </Pending>
        ) : (
          <District code={selected} session={session} />
        )}
      </div>
    </main>
  );
}

function District({ code, session }: { code: string; session: Session | undefined }) {
  const result = useQuery(DashboardDistrictDocument, { code, year: YEAR });
  return (
    <Pending result={result}>
      {(data) =>
        data.district === null ? (
          <p className="error">No district {code}.</p>
        ) : (
          <>
            <h2 data-area={data.district.code}>
              {data.district.name} <small>{data.district.code}</small>
            </h2>
            <Figures figures={data.district} />
            {session === undefined ? (
              <p className="hint" data-panel="sign-in-hint">
                Sign in with an agency token to see the district's soil samples, water sources and contaminated sites.
              </p>
            ) : (
              <AgencyPanels code={data.district.code} scopes={session.scopes} />
            )}
          </>
        )
      }
    </Pending>
  );
}
