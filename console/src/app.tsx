import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, setCsrfToken, whenSignedOut } from './api';
import { SignIn } from './auth';
import { CaseView } from './case-view';
import { NoticeEditor } from './notice';
import { Overview } from './overview';
import { Queue } from './queue';
import { href, useRoute } from './router';
import type { Me, Next, Notice } from './types';

type Auth =
  | { state: 'loading' }
  | { state: 'signed-out'; start: Next | 'sign_in'; reason: string | null }
  | { state: 'signed-in'; me: Me };

function Header({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  const route = useRoute();
  const at = (path: string) =>
    route.path === path || (path === '/' && route.path.startsWith('/cases')) ? 'page' : undefined;
  return (
    <header class="top">
      <a class="skip" href="#content">
        Skip to content
      </a>
      <span class="brand">Login help · Support</span>
      <nav aria-label="Console">
        <a href={href('/')} aria-current={at('/')}>
          Queue
        </a>
        <a href={href('/overview')} aria-current={at('/overview')}>
          Overview
        </a>
        <a href={href('/notice')} aria-current={at('/notice')}>
          Notice
        </a>
      </nav>
      <span class="who">{me.staff.name}</span>
      <button type="button" class="secondary small" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}

function NoticeBanner({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <p class="notice-banner">
      Live notice for users: “{notice.en || notice.nl}” <a href={href('/notice')}>Change</a>
    </p>
  );
}

function Console({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  const route = useRoute();
  const [notice, setNotice] = useState<Notice | null>(null);
  const content = useRef<HTMLDivElement>(null);
  useEffect(() => {
    api<{ notice: Notice | null }>('GET', '/notice').then(
      (r) => setNotice(r.notice),
      () => {},
    );
  }, []);
  // A new view moves focus to its heading, so screen readers announce where the user now is.
  useEffect(() => content.current?.querySelector<HTMLElement>('h1')?.focus(), [route.path]);

  const caseRef = /^\/cases\/([^/]+)$/.exec(route.path)?.[1];
  let view;
  if (caseRef) view = <CaseView caseRef={decodeURIComponent(caseRef)} />;
  else if (route.path === '/overview') view = <Overview route={route} />;
  else if (route.path === '/notice') view = <NoticeEditor onChange={setNotice} />;
  else view = <Queue route={route} />;

  return (
    <>
      <Header me={me} onSignOut={onSignOut} />
      <NoticeBanner notice={notice} />
      {me.recoveryCodesLeft !== undefined && me.recoveryCodesLeft <= 2 && (
        <p class="warning-box">
          You have {me.recoveryCodesLeft} recovery code{me.recoveryCodesLeft === 1 ? '' : 's'} left.
          Ask an administrator to run “npm run staff -- reset-2fa” for you before you run out.
        </p>
      )}
      <div id="content" ref={content}>
        {view}
      </div>
    </>
  );
}

export function App() {
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });

  const refresh = async (reason: string | null = null) => {
    try {
      const me = await api<Me>('GET', '/session');
      setCsrfToken(me.csrfToken);
      setAuth(
        me.stage === 'full'
          ? { state: 'signed-in', me }
          : { state: 'signed-out', start: me.next ?? 'sign_in', reason },
      );
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401)
        reason = 'The server did not answer; try again in a moment.';
      setAuth({ state: 'signed-out', start: 'sign_in', reason });
    }
  };
  useEffect(() => {
    whenSignedOut((reason) => setAuth({ state: 'signed-out', start: 'sign_in', reason }));
    void refresh();
  }, []);

  const signOut = async () => {
    await api('DELETE', '/session').catch(() => {});
    setCsrfToken('');
    setAuth({ state: 'signed-out', start: 'sign_in', reason: 'You are signed out.' });
  };

  if (auth.state === 'loading')
    return (
      <main aria-busy="true">
        <p class="muted">Loading…</p>
      </main>
    );
  if (auth.state === 'signed-out') {
    return (
      <SignIn
        key={`${auth.start}-${auth.reason}`}
        start={auth.start}
        reason={auth.reason}
        onSignedIn={() => void refresh()}
      />
    );
  }
  return <Console me={auth.me} onSignOut={() => void signOut()} />;
}
