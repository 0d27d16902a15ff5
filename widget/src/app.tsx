import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InputRules } from './api';
import type { Chat, Item, QrCode, State } from './chat';
import { strings, type Strings } from './strings';

/**
 * http(s) URLs as the server finds them for `links` (no trailing punctuation), and case numbers
 * (src/ids.ts `newCaseRef`), which must not break across lines.
 */
const SPECIAL_RE = /(https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?])|\bLH-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g;

/** Text stays text nodes; only http(s) URLs become links, opened apart from the host page. */
function rich(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(SPECIAL_RE)) {
    out.push(text.slice(last, match.index));
    out.push(
      match[1] ? (
        <a href={match[1]} target="_blank" rel="noopener noreferrer">
          {match[1]}
        </a>
      ) : (
        <b class="ref">{match[0]}</b>
      ),
    );
    last = match.index! + match[0].length;
  }
  out.push(text.slice(last));
  return out;
}

function useChat(chat: Chat): State {
  const [, setVersion] = useState(0);
  const rendered = chat.state;
  useEffect(() => {
    const unsubscribe = chat.subscribe(() => setVersion((n) => n + 1));
    // Effects run after paint: a change made in between (the page reopening the panel, a fast
    // resume) has notified no one yet, so catch up with it here.
    if (chat.state !== rendered) setVersion((n) => n + 1);
    return unsubscribe;
  }, [chat]);
  return rendered;
}

/** The prompt's own rules first (the server checks again); null when the value may be sent. */
function problemWith(value: string, input: InputRules | undefined, t: Strings): string | null {
  if (!value) return t.empty;
  const max = input?.maxLength ?? 2000;
  if (value.length > max)
    return t.tooLong.replace('{max}', String(max)).replace('{length}', String(value.length));
  if (!input) return null;
  const plain = input.kind === 'code' ? value.replace(/[\s-]/g, '') : value;
  const badKind =
    input.kind === 'email' ? t.badEmail : input.kind === 'code' ? t.badCode : t.badValue;
  if (input.pattern && !new RegExp(input.pattern).test(plain)) return badKind;
  if (input.kind === 'email' && !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value)) return badKind;
  return null;
}

function Bubble({ item, t }: { item: Item; t: Strings }) {
  const user = item.role === 'user';
  const text = item.kind === 'marker' ? t.hidden : item.kind === 'clock' ? t.clockLine : item.text;
  const tone = item.kind === 'warning' ? ' warn' : item.kind === 'case' ? ' cs' : '';
  return (
    <p class={`m ${user ? 'u' : 'a'}${tone}`}>
      <span class="sr">{item.kind === 'warning' ? t.warning : user ? t.you : t.assistant} </span>
      {rich(text)}
    </p>
  );
}

function QrBox({ qr, t }: { qr: QrCode; t: Strings }) {
  const size = qr.viewBox.split(' ')[2];
  return (
    <div class="qr">
      <p class="qt">{t.qrTitle}</p>
      <p>{t.qrHelp}</p>
      <svg role="img" aria-label={t.qrImage} viewBox={qr.viewBox} shape-rendering="crispEdges">
        <path fill="#fff" d={`M0 0h${size}v${size}H0z`} />
        <path stroke="#000" d={qr.path} />
      </svg>
      <a href={qr.url} target="_blank" rel="noopener noreferrer">
        {qr.url.replace(/^https?:\/\//, '')}
      </a>
      <p class="wait">{t.qrWait}</p>
    </div>
  );
}

function Composer({
  chat,
  s,
  t,
  field,
}: {
  chat: Chat;
  s: State;
  t: Strings;
  field: { current: HTMLInputElement | null };
}) {
  const input = s.prompt?.input;
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [s.seq]);

  const submit = (event: Event) => {
    event.preventDefault();
    const el = field.current!;
    const value = el.value.trim();
    const problem = problemWith(value, input, t);
    setError(problem);
    if (problem) return el.focus();

    // A one-time code is not repeated on screen; the transcript keeps only a marker too.
    const echo = input?.kind === 'code' ? '••••••' : value;
    if (chat.send(input ? { value } : { text: value }, echo)) el.value = '';
  };

  return (
    <form onSubmit={submit} noValidate>
      <label for="lh-in">{input?.label ?? t.typeHere}</label>
      <div class="row">
        {/* No maxlength: the browser would cut a long paste without a word; submit says so. */}
        <input
          ref={field}
          id="lh-in"
          type={input?.kind === 'email' ? 'email' : 'text'}
          inputMode={input?.inputMode ?? 'text'}
          autoComplete={input?.autocomplete ?? 'off'}
          enterKeyHint="send"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'lh-err' : undefined}
        />
        <button class="send" type="submit">
          {t.send}
        </button>
      </div>
      {error && (
        <p id="lh-err" class="err" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export interface Colors {
  accent: string;
  onAccent: string;
}

export interface AppProps {
  chat: Chat;
  title?: string;
  left: boolean;
  colors?: Colors;
}

export function App({ chat, title, left, colors }: AppProps) {
  const s = useChat(chat);
  const t = strings[s.locale];
  const other = s.locale === 'en' ? 'nl' : 'en';
  const launcher = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const choices = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);

  // Opening moves focus into the panel; closing (Escape, ×, launcher) brings it back.
  useEffect(() => {
    if (s.open) heading.current?.focus();
    else if (wasOpen.current) launcher.current?.focus();
    wasOpen.current = s.open;
  }, [s.open]);

  // While a turn runs the progress dots show at the bottom. Then the view starts at the user's
  // last line, so a long answer with many buttons is read from its start, not its end.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.clientHeight;
    let mark = s.items.length - 1;
    while (mark > 0 && s.items[mark].role !== 'user') mark--;
    const first = el.querySelectorAll<HTMLElement>('.m')[Math.max(mark, 0)];
    let top = s.busy || !first ? bottom : Math.min(bottom, first.offsetTop - 8);
    // The QR code arrives a moment after its question; it is what the user needs next.
    const qr = el.querySelector<HTMLElement>('.qr');
    if (qr) top = Math.max(top, qr.offsetTop + qr.offsetHeight + 8 - el.clientHeight);
    el.scrollTop = top;
  }, [s.items.length, s.busy, s.open, s.qr]);

  // The button just pressed is gone with its question: focus goes to the next question.
  useEffect(() => {
    if (!s.open || s.busy) return;
    const active = (heading.current?.getRootNode() as ShadowRoot | undefined)?.activeElement;
    if (active && active !== heading.current) return;
    const next =
      (s.prompt?.input ? null : choices.current?.querySelector('button')) ?? field.current;
    // Without the browser's own scrolling, which would undo the view chosen above.
    next?.focus({ preventScroll: true });
    next?.scrollIntoView({ block: 'nearest' });
  }, [s.seq, s.busy, s.open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && s.open) {
      event.stopPropagation();
      // Focus moves before the panel goes, so it never falls back to the page's body.
      launcher.current?.focus();
      chat.setOpen(false);
    }
  };

  const choose = (id: string, label: string) => chat.send({ choice: id }, label);
  const waiting = s.busy ? 'true' : undefined;

  return (
    <aside
      class={`w${left ? ' l' : ''}${s.open ? ' open' : ''}`}
      lang={s.locale}
      aria-label={title ?? t.title}
      style={colors && { '--lh-accent': colors.accent, '--lh-on-accent': colors.onAccent }}
      onKeyDown={onKeyDown}
    >
      <button
        ref={launcher}
        class="launch"
        type="button"
        aria-expanded={s.open ? 'true' : 'false'}
        aria-controls={s.open ? 'lh-panel' : undefined}
        onClick={() => chat.setOpen(!s.open)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24">
          <path
            fill="currentColor"
            d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"
          />
        </svg>
        {t.launcher}
      </button>
      {s.open && (
        <div id="lh-panel" class="panel" role="dialog" aria-labelledby="lh-title">
          <header>
            <h2 id="lh-title" ref={heading} tabIndex={-1}>
              {title ?? t.title}
            </h2>
            <button type="button" class="hb" lang={other} onClick={() => chat.setLocale(other)}>
              {t.otherLanguage}
            </button>
            <button
              type="button"
              class="hb x"
              aria-label={t.close}
              onClick={() => chat.setOpen(false)}
            >
              <svg aria-hidden="true" viewBox="0 0 24 24">
                <path stroke="currentColor" stroke-width="2.5" d="M6 6l12 12M18 6L6 18" />
              </svg>
            </button>
          </header>
          {s.trouble && (
            <p class="banner" role="status">
              {t[s.trouble]}
            </p>
          )}
          {s.caseRef && (
            <p class="case">
              {t.caseNumber}
              <strong>{s.caseRef}</strong>
            </p>
          )}
          <div ref={scroller} class="scroll">
            <div class="log" role="log" aria-live="polite" aria-label={t.log} aria-busy={waiting}>
              {s.items.map((item) => (
                <Bubble key={item.key} item={item} t={t} />
              ))}
              {s.busy && (
                <p class="m a dots">
                  <span class="sr">{t.working}</span>
                  <i />
                  <i />
                  <i />
                </p>
              )}
            </div>
            {s.qr && !s.fatal && <QrBox qr={s.qr} t={t} />}
            {!!s.prompt?.choices.length && !s.fatal && (
              <div ref={choices} class="ch">
                {s.prompt.choices.map((c) => (
                  <button
                    key={`${s.seq}:${c.id}`}
                    type="button"
                    class="c"
                    aria-disabled={waiting}
                    onClick={() => choose(c.id, c.label)}
                  >
                    {c.label}
                  </button>
                ))}
              </div>
            )}
          </div>
          {s.fatal ? (
            <div class="fatal" role="alert">
              <p>{t[s.fatal]}</p>
              {s.fatal === 'failed' && (
                <button type="button" class="c" onClick={() => chat.fresh()}>
                  {t.startOver}
                </button>
              )}
            </div>
          ) : (
            <>
              {!!s.prompt?.nav.length && (
                <nav class="nav" aria-label={t.moreOptions}>
                  {s.prompt.nav.map((n) => (
                    <button
                      key={`${s.seq}:${n.id}`}
                      type="button"
                      class="n"
                      aria-disabled={waiting}
                      onClick={() => choose(n.id, n.label)}
                    >
                      {n.label}
                    </button>
                  ))}
                </nav>
              )}
              <Composer chat={chat} s={s} t={t} field={field} />
            </>
          )}
        </div>
      )}
    </aside>
  );
}
