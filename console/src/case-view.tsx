import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { api, messageOf } from './api';
import {
  formatDateTime,
  isoTime,
  pathLabel,
  PORTAL_LABEL,
  REASON_LABEL,
  STATUS_LABEL,
  triedLabel,
} from './format';
import { href } from './router';
import { Transcript } from './transcript';
import type { AccountSummary, CaseDetail } from './types';

interface Delivery {
  mail: boolean;
  chat: boolean;
  teams?: 'sent' | 'failed' | 'unavailable';
}

/** "The user was told by e-mail and in the chat" from what the server says it delivered. */
function told(d: Delivery): string {
  const ways = [
    d.mail && 'by e-mail',
    d.chat && 'in the chat',
    d.teams === 'sent' && 'in Teams',
  ].filter(Boolean);
  const teams =
    d.teams && d.teams !== 'sent' ? ' The Teams message could not be sent; see the audit log.' : '';
  return (
    (ways.length
      ? `The user was told ${ways.join(' and ')}.`
      : 'The user has no address; call them if needed.') + teams
  );
}

const AUDIT_LABEL: Record<string, string> = {
  'case.resolved': 'Resolved the case',
  'case.2fa_reset': 'Reset 2FA',
  'case.verification_resent': 'Resent the verification link',
  'case.message_sent': 'Wrote to the user',
  'case.exported': 'Exported the case',
  'case.teams_notice_failed': 'Teams message not delivered',
};

function auditDetail(details: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof details.note === 'string') parts.push(`Note: ${details.note}`);
  if (typeof details.text === 'string') parts.push(`Message: ${details.text}`);
  if (typeof details.portal === 'string')
    parts.push(`Login page: ${PORTAL_LABEL[details.portal] ?? details.portal}`);
  if (details.ownershipVerified === true) parts.push('ownership verified in the chat');
  if (details.confirmedWithoutVerification === true)
    parts.push(`without verification in the chat; reason: ${String(details.reason)}`);
  if (typeof details.format === 'string') parts.push(`as ${details.format}`);
  if (typeof details.reason === 'string' && details.confirmedWithoutVerification !== true)
    parts.push(String(details.reason));
  return parts.join(' · ');
}

const yesNo = (v: boolean | null) => (v === null ? 'Not asked' : v ? 'Yes' : 'No');

function Facts({ detail }: { detail: CaseDetail }) {
  const f = detail.facts;
  const rows: Array<[string, string]> = [
    ['Login page', f.portal ? (PORTAL_LABEL[f.portal] ?? f.portal) : 'Not known'],
    ['Login address', f.email ?? 'Not given'],
    [
      'Ownership verified',
      f.ownershipVerifiedAt ? `Yes, ${formatDateTime(f.ownershipVerifiedAt)}` : 'No',
    ],
    ['Has recovery codes', yesNo(f.hasRecoveryCodes)],
    [
      'Device clock',
      f.clockOffsetSeconds === null
        ? 'Not measured'
        : `${f.clockOffsetSeconds > 0 ? '+' : ''}${f.clockOffsetSeconds} s`,
    ],
    [
      'Reset mail requested',
      f.resetRequestedAt
        ? `${formatDateTime(f.resetRequestedAt)} (${f.minutesSinceResetAtEscalation} min before the case)`
        : 'No',
    ],
    ['Tried', f.tried.length ? f.tried.map(triedLabel).join(' → ') : 'Nothing yet'],
    ['Why escalated', REASON_LABEL[f.reason] ?? f.reason],
  ];
  return (
    <section class="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">What the assistant learned</h2>
      <dl class="facts">
        {rows.map(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}
      </dl>
      <h3>Description</h3>
      <p class="description">{f.description ?? 'The user gave none.'}</p>
      {detail.accounts.length > 0 && (
        <>
          <h3>Accounts in the directory</h3>
          <ul class="accounts">
            {detail.accounts.map((a) => (
              <li key={a.portal}>
                <strong>{PORTAL_LABEL[a.portal] ?? a.portal}</strong>: {a.sso ? 'SSO, ' : ''}
                {a.verified ? 'address verified' : 'address not verified'}, 2FA{' '}
                {a.totpEnabled ? `on (${a.recoveryCodes} recovery codes left)` : 'off'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** An action form: runs `run`, then reloads the case and reports what happened. */
function useAction(reload: () => Promise<void>, report: (text: string) => void) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setProblem(null);
    try {
      report(await work());
      await reload();
      return true;
    } catch (error) {
      setProblem(messageOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, run };
}

type ActionProps = { detail: CaseDetail; reload(): Promise<void>; report(text: string): void };

function ResolveForm({ detail, reload, report }: ActionProps) {
  const [note, setNote] = useState('');
  const { busy, problem, run } = useAction(reload, report);
  if (detail.case.status === 'resolved') {
    return (
      <p>
        Resolved {detail.case.resolvedAt ? formatDateTime(detail.case.resolvedAt) : ''}:{' '}
        {detail.case.resolutionNote}
      </p>
    );
  }
  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const ok = await run(async () => {
      const answer = await api<{ delivery: Delivery }>(
        'POST',
        `/cases/${detail.case.ref}/resolve`,
        { note },
      );
      return `Case resolved. ${told(answer.delivery)}`;
    });
    if (ok) setNote('');
  };
  return (
    <form onSubmit={submit}>
      <label for="resolve-note">Resolution note (the user reads this)</label>
      <textarea
        id="resolve-note"
        rows={3}
        maxLength={2000}
        required
        value={note}
        onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
      />
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy || !note.trim()}>
        Resolve and tell the user
      </button>
    </form>
  );
}

function MessageForm({ detail, reload, report }: ActionProps) {
  const [text, setText] = useState('');
  const [wait, setWait] = useState(true);
  const { busy, problem, run } = useAction(reload, report);
  const submit = async (e: JSX.TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const ok = await run(async () => {
      const answer = await api<{ delivery: Delivery }>(
        'POST',
        `/cases/${detail.case.ref}/messages`,
        { text, waitForUser: wait },
      );
      return `Message sent. ${told(answer.delivery)}`;
    });
    if (ok) setText('');
  };
  return (
    <form onSubmit={submit}>
      <label for="message-text">Message to the user</label>
      <textarea
        id="message-text"
        rows={3}
        maxLength={2000}
        required
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      {detail.case.status === 'open' && (
        <div class="check">
          <input
            id="message-wait"
            type="checkbox"
            checked={wait}
            onChange={(e) => setWait((e.target as HTMLInputElement).checked)}
          />
          <label for="message-wait">
            Wait for the user's answer (status becomes "Waiting for user")
          </label>
        </div>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy || !text.trim()}>
        Send to the user
      </button>
    </form>
  );
}

function ResetTwoFactor({ detail, reload, report }: ActionProps) {
  const candidates = detail.accounts.filter((a) => a.totpEnabled);
  const [portal, setPortal] = useState(candidates[0]?.portal ?? '');
  const [confirming, setConfirming] = useState(false);
  const [vouched, setVouched] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, problem, run } = useAction(reload, report);
  const verified = detail.facts.ownershipVerifiedAt !== null;

  if (!detail.facts.email) return <p class="muted">The case has no login address.</p>;
  if (candidates.length === 0) {
    const off = detail.accounts.length > 0;
    return (
      <p class="muted">
        {off ? '2FA is off for this address.' : 'No account for this address in the directory.'}
      </p>
    );
  }
  const account: AccountSummary = candidates.find((a) => a.portal === portal) ?? candidates[0]!;
  const allowed = verified || (vouched && reason.trim().length >= 10);
  const reset = () =>
    run(async () => {
      const body = verified
        ? { portal: account.portal }
        : { portal: account.portal, confirmUnverified: true, reason };
      await api('POST', `/cases/${detail.case.ref}/reset-2fa`, body);
      setConfirming(false);
      return `2FA is now off for ${detail.facts.email} on ${PORTAL_LABEL[account.portal] ?? account.portal}. The user was mailed how to set it up again.`;
    });

  return (
    <div>
      {verified ? (
        <p class="ok">
          The user proved in the chat that they read mail at this address (
          {formatDateTime(detail.facts.ownershipVerifiedAt!)}).
        </p>
      ) : (
        <div class="warning-box">
          <p>
            <strong>The chat did not verify that this user owns the address.</strong> Reset only
            after you verified them another way, and say how.
          </p>
          <div class="check">
            <input
              id="vouch"
              type="checkbox"
              checked={vouched}
              onChange={(e) => setVouched((e.target as HTMLInputElement).checked)}
            />
            <label for="vouch">I verified the user's identity another way</label>
          </div>
          <label for="vouch-reason">How you verified them (kept in the audit log)</label>
          <textarea
            id="vouch-reason"
            rows={2}
            maxLength={500}
            value={reason}
            onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
          />
        </div>
      )}
      {candidates.length > 1 && (
        <div class="field">
          <label for="reset-portal">Login page</label>
          <select
            id="reset-portal"
            value={portal}
            onChange={(e) => setPortal((e.target as HTMLSelectElement).value)}
          >
            {candidates.map((a) => (
              <option key={a.portal} value={a.portal}>
                {PORTAL_LABEL[a.portal] ?? a.portal}
              </option>
            ))}
          </select>
        </div>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {!confirming ? (
        <button
          type="button"
          class="danger"
          disabled={!allowed || busy}
          onClick={() => setConfirming(true)}
        >
          Reset 2FA…
        </button>
      ) : (
        <div class="confirm" role="group" aria-label="Confirm the 2FA reset">
          <p>
            Turn off 2FA for {detail.facts.email} on{' '}
            {PORTAL_LABEL[account.portal] ?? account.portal}? Their recovery codes stop working too.
          </p>
          <button type="button" class="danger" disabled={busy} onClick={reset}>
            Yes, reset 2FA
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

function ResendVerification({ detail, reload, report }: ActionProps) {
  const { busy, problem, run } = useAction(reload, report);
  const unverified = detail.accounts.filter((a) => !a.verified && !a.sso);
  if (unverified.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="verify-title">
      <h2 id="verify-title">Verification link</h2>
      <p>
        The address is not verified on{' '}
        {unverified.map((a) => PORTAL_LABEL[a.portal] ?? a.portal).join(' and ')}: a password reset
        cannot work until it is.
      </p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {unverified.map((a) => (
        <button
          key={a.portal}
          type="button"
          disabled={busy}
          onClick={() =>
            run(async () => {
              await api('POST', `/cases/${detail.case.ref}/resend-verification`, {
                portal: a.portal,
              });
              return `A new verification link is on its way to ${detail.facts.email}.`;
            })
          }
        >
          Send a new verification link
          {unverified.length > 1 ? ` (${PORTAL_LABEL[a.portal] ?? a.portal})` : ''}
        </button>
      ))}
    </section>
  );
}

/** One case: transcript, facts, actions, messages and audit log. */
export function CaseView({ caseRef }: { caseRef: string }) {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [showSteps, setShowSteps] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    try {
      setDetail(await api<CaseDetail>('GET', `/cases/${encodeURIComponent(caseRef)}`));
    } catch (error) {
      setProblem(messageOf(error));
    }
  };
  useEffect(() => {
    setDetail(null);
    setProblem(null);
    setStatus('');
    void load();
  }, [caseRef]);
  useEffect(() => heading.current?.focus(), [detail?.case.ref]);

  if (problem)
    return (
      <main>
        <p class="problem" role="alert">
          {problem}
        </p>
        <p>
          <a href={href('/')}>Back to the queue</a>
        </p>
      </main>
    );
  if (!detail)
    return (
      <main aria-busy="true">
        <p class="muted">Loading case {caseRef}…</p>
      </main>
    );
  const c = detail.case;
  const exportBase = `/api/v1/support/cases/${c.ref}`;
  const actionProps = { detail, reload: load, report: setStatus };

  return (
    <main class="case" aria-labelledby="case-title">
      <p class="crumbs">
        <a href={href('/')}>← Queue</a>
      </p>
      <header class="case-head">
        <h1 id="case-title" tabIndex={-1} ref={heading}>
          Case {c.ref}
        </h1>
        <span class={`badge ${c.status}`}>{STATUS_LABEL[c.status]}</span>
        <p class="meta">
          {pathLabel(c.path)} · {c.channel === 'teams' ? 'Teams' : 'Web widget'} · language{' '}
          {c.locale.toUpperCase()} · opened{' '}
          <time dateTime={isoTime(c.createdAt)}>{formatDateTime(c.createdAt)}</time>
          {detail.conversation && <> · conversation {detail.conversation.status}</>}
        </p>
        <p class="exports">
          Export:{' '}
          <a href={`${exportBase}/export?format=text`} download>
            Text
          </a>{' '}
          ·{' '}
          <a href={`${exportBase}/export?format=json`} download>
            JSON
          </a>{' '}
          ·{' '}
          <a href={`${exportBase}/print`} target="_blank" rel="noopener noreferrer">
            Print
          </a>
        </p>
      </header>
      <div class="status-line" role="status" aria-live="polite">
        {status}
      </div>
      <div class="columns">
        <section class="panel transcript-panel" aria-labelledby="transcript-title">
          <div class="panel-head">
            <h2 id="transcript-title">Conversation</h2>
            <div class="check">
              <input
                id="show-steps"
                type="checkbox"
                checked={showSteps}
                onChange={(e) => setShowSteps((e.target as HTMLInputElement).checked)}
              />
              <label for="show-steps">Show steps</label>
            </div>
          </div>
          <Transcript items={detail.transcript} showSteps={showSteps} />
        </section>
        <div class="side">
          <Facts detail={detail} />
          <section class="panel" aria-labelledby="resolve-title">
            <h2 id="resolve-title">Resolve</h2>
            <ResolveForm {...actionProps} />
          </section>
          <section class="panel" aria-labelledby="reset-title">
            <h2 id="reset-title">Reset 2FA</h2>
            <ResetTwoFactor {...actionProps} />
          </section>
          <ResendVerification {...actionProps} />
          <section class="panel" aria-labelledby="message-title">
            <h2 id="message-title">Write to the user</h2>
            <MessageForm {...actionProps} />
          </section>
          <section class="panel" aria-labelledby="messages-title">
            <h2 id="messages-title">Sent to the user</h2>
            {detail.messages.length === 0 ? (
              <p class="muted">Nothing yet.</p>
            ) : (
              <ol class="log">
                {detail.messages.map((m, i) => (
                  <li key={i}>
                    <time dateTime={isoTime(m.at)}>{formatDateTime(m.at)}</time> ·{' '}
                    {m.staff ?? 'Support'} · {m.kind === 'resolution' ? 'Resolution' : 'Message'}
                    <p>{m.body}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section class="panel" aria-labelledby="audit-title">
            <h2 id="audit-title">Audit log</h2>
            {detail.audit.length === 0 ? (
              <p class="muted">No staff action yet.</p>
            ) : (
              <ol class="log audit">
                {detail.audit.map((a, i) => (
                  <li key={i}>
                    <time dateTime={isoTime(a.at)}>{formatDateTime(a.at)}</time> ·{' '}
                    {a.staff ?? 'Unknown'} · <strong>{AUDIT_LABEL[a.action] ?? a.action}</strong>
                    {auditDetail(a.details) && <p>{auditDetail(a.details)}</p>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}
