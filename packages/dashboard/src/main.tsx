import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadGatewayUrl } from './api.ts';
import { App } from './App.tsx';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadGatewayUrl().then(
  (gatewayUrl) =>
    root.render(
      <StrictMode>
        <App gatewayUrl={gatewayUrl} />
      </StrictMode>,
    ),
  (error: Error) => root.render(<p role="alert">The dashboard has no gateway to ask: {error.message}</p>),
);
