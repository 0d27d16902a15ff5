import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { api, messageOf } from './api';
import { formatDateTime } from './format';
import type { Notice } from './types';

/** Support's notice: shown at the start of every new conversation until removed. */
export function NoticeEditor({ onChange }: { onChange(notice: Notice | null): void }) {
  const [current, setCurrent] = useState<Notice | null>(null);
  const [en, setEn] = useState('');
  const [nl, setNl] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  // The fields wait for the notice in force: filled in by its answer, they would lose whatever
  // was typed before it arrived.
  const [loaded, setLoaded] = useState(false);

  const show = (notice: Notice | null) => {
    setCurrent(notice);
    setEn(notice?.en ?? '');
    setNl(notice?.nl ?? '');
    onChange(notice);
  };
  useEffect(() => {
    api<{ notice: Notice | null }>('GET', '/notice').then(
      (r) => {
        show(r.notice);
        setLoaded(true);
      },
      (e) => {
        setProblem(messageOf(e));
        setLoaded(true);
      },
    );
  }, []);

  const send = async (method: 'PUT' | 'DELETE', done: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await api<{ notice: Notice | null }>(
        method,
        '/notice',
        method === 'PUT' ? { en, nl } : undefined,
      );
      show(r.notice);
      setStatus(done);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void send('PUT', 'The notice is live: new conversations start with it.');
  };

  return (
    <main class="narrow" aria-labelledby="notice-title">
      <h1 id="notice-title" tabIndex={-1}>
        Notice for users
      </h1>
      <p>
        A short line the assistant shows at the start of every new conversation, for example “Reset
        e-mails are delayed this morning.” Write it in both languages; with only one, everyone gets
        that one.
      </p>
      <p class="current">
        {current
          ? `Live since ${formatDateTime(current.setAt)}${current.setBy ? `, set by ${current.setBy}` : ''}.`
          : 'No notice is shown at the moment.'}
      </p>
      <form onSubmit={submit}>
        <label for="notice-en">English</label>
        <textarea
          id="notice-en"
          rows={2}
          disabled={!loaded}
          maxLength={280}
          value={en}
          onInput={(e) => setEn((e.target as HTMLTextAreaElement).value)}
        />
        <label for="notice-nl">Dutch</label>
        <textarea
          id="notice-nl"
          lang="nl"
          rows={2}
          disabled={!loaded}
          maxLength={280}
          value={nl}
          onInput={(e) => setNl((e.target as HTMLTextAreaElement).value)}
        />
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <div class="status-line" role="status" aria-live="polite">
          {status}
        </div>
        <button type="submit" disabled={busy || (!en.trim() && !nl.trim())}>
          {current ? 'Replace the notice' : 'Show this notice'}
        </button>{' '}
        {current && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => void send('DELETE', 'The notice is removed.')}
          >
            Remove the notice
          </button>
        )}
      </form>
    </main>
  );
}
