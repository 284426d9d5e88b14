import { type FormEvent, useState } from 'react';
import { readToken, type Session } from '../session.ts';

/** Sign-in with a token (in development: `pnpm -s token <agency>`), or sign out to the published view. */
export function SignIn({ session, notice, onChange }: { session: Session | undefined; notice: string | undefined; onChange: (session: Session | undefined) => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  if (session !== undefined) {
    return (
      <div className="sign-in" data-signed-in={session.agency}>
        Signed in as <strong>{session.agency}</strong>
        {session.subject && ` (${session.subject})`} · {session.scopes.join(' ') || 'no scopes'}
        <button type="button" onClick={() => onChange(undefined)}>
          Sign out
        </button>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readToken(token);
    if (read === undefined) {
      setProblem('That is not an agency token (a JWT with an agency claim).');
      return;
    }
    setProblem(undefined);
    setToken('');
    onChange(read);
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <span>Published view (anonymous).</span>
      <input aria-label="token" placeholder="Paste a token: pnpm -s token water" value={token} onChange={(e) => setToken(e.target.value)} />
      <button type="submit">Sign in</button>
      {(problem ?? notice) && (
        <span className="error" role="alert">
          {problem ?? notice}
        </span>
      )}
    </form>
  );
}
