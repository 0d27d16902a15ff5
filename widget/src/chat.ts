import { Api, ApiFailure, type Locale, type Prompt, type Reply, type View } from './api';

export interface Item {
  key: number;
  role: 'assistant' | 'user';
  kind: string;
  text: string;
}

export interface QrCode {
  url: string;
  viewBox: string;
  path: string;
}

/** Why the widget cannot go on without the user's help. */
export type Fatal = 'refused' | 'failed';

export interface State {
  open: boolean;
  locale: Locale;
  items: Item[];
  prompt: Prompt | null;
  seq: number;
  flow: string | null;
  caseRef: string | null;
  /** A turn (or the start) is on its way. */
  busy: boolean;
  /** Set while a request is being retried: the device is offline, or the server cannot be reached. */
  trouble: 'offline' | 'server' | null;
  fatal: Fatal | null;
  qr: QrCode | null;
}

export interface ChatOptions {
  api: string;
  locale: Locale;
  path?: string;
  /** The login page the widget sits on (`platform` | `identity`), so the chat need not ask. */
  portal?: 'platform' | 'identity';
}

type TurnBody = { choice: string } | { text: string } | { value: string } | { locale: Locale };
type Turn = TurnBody & { turnId: string };

interface Saved {
  id: string;
  token: string;
  /** The turn in flight when the page went away; sent again (same id) after a reload. */
  pending?: Turn;
  /** Open when the page went away: the next page opens it again. */
  open?: boolean;
}

/**
 * The phone-check question of flows/code-rejected.ts (state `phoneCheck`): its only button is
 * "skip the check", id `skip`. While it is open the widget shows the QR code and link.
 */
const isPhoneCheck = (flow: string | null, prompt: Prompt | null) =>
  flow === 'codeRejected' && !!prompt?.choices.some((c) => c.id === 'skip');

/** How often the widget looks for the phone's clock report while the QR code is shown. */
const POLL_MS = 2500;
/** As long as the clock link lives (src/http/widget.ts): after that no report can come. */
const POLL_FOR_MS = 30 * 60_000;
/** Retry back-off: 1 s, doubling, at most 10 s; going online wakes it at once. */
const backoff = (attempt: number) => Math.min(1000 * 2 ** attempt, 10_000);

const newTurnId = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'w-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};

/**
 * One conversation with the chat API: start or resume, send turns exactly once, retry through
 * network trouble, and keep {conversationId, token} in localStorage per API origin.
 */
export class Chat {
  state: State;
  private readonly api: Api;
  private readonly storageKey: string;
  private readonly listeners = new Set<() => void>();
  private saved: Saved | null = null;
  private began = false;
  /** Set synchronously on send, so a double click cannot get a second turn past it. */
  private sending = false;
  private nextKey = 1;
  private wake: (() => void) | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private qrFor = -1;
  private pollUntil = 0;

  constructor(private readonly options: ChatOptions) {
    this.api = new Api(options.api);
    this.storageKey = `login-help:${new URL(options.api).origin}`;
    this.state = {
      open: false,
      locale: options.locale,
      items: [],
      prompt: null,
      seq: 0,
      flow: null,
      caseRef: null,
      busy: false,
      trouble: null,
      fatal: null,
      qr: null,
    };
    addEventListener('online', () => this.wake?.());
    document.addEventListener('visibilitychange', () => this.watchClock());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setOpen(open: boolean): void {
    this.set({ open });
    if (this.saved) {
      this.saved.open = open;
      this.store();
    }
    if (open) void this.begin();
  }

  /** Whether the stored conversation was left with the panel open. */
  wasOpen(): boolean {
    return this.load()?.open === true;
  }

  /** Starts a conversation, or resumes the stored one (and re-sends its unfinished turn). */
  async begin(path = this.options.path): Promise<void> {
    if (this.began) return;
    this.began = true;
    this.options.path = path;
    this.saved = this.load();
    if (!this.saved) return this.start();

    this.sending = true;
    this.set({ busy: true });
    if (!(await this.resync())) return this.start();
    if (this.state.fatal) return;
    const pending = this.saved?.pending;
    if (pending) return this.deliver(pending);
    this.settle();
  }

  /**
   * Sends one turn. Returns false (and sends nothing) while another turn is on its way.
   * `echo` is what the user's bubble shows.
   */
  send(body: TurnBody, echo?: string): boolean {
    if (this.sending || !this.saved || this.state.fatal) return false;
    this.sending = true;
    const turn = { turnId: newTurnId(), ...body } as Turn;
    this.saved.pending = turn;
    this.store();
    if (echo) this.set({ items: [...this.state.items, this.item('user', 'text', echo)] });
    void this.deliver(turn);
    return true;
  }

  setLocale(locale: Locale): void {
    if (locale === this.state.locale) return;
    if (!this.saved) return this.set({ locale });
    if (this.send({ locale })) this.set({ locale });
  }

  /** Forgets the conversation and starts a new one (after an error the user cannot fix). */
  fresh(): void {
    this.forget();
    this.set({ items: [], prompt: null, seq: 0, flow: null, caseRef: null, fatal: null, qr: null });
    void this.start();
  }

  // --- requests ---------------------------------------------------------------------------

  private async start(): Promise<void> {
    this.sending = true;
    this.set({ busy: true });
    let path = this.options.path;
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await this.api.start({
          locale: this.state.locale,
          path,
          portal: this.options.portal,
          clientTime: Date.now(),
        });
        this.saved = { id: reply.conversationId, token: reply.token!, open: this.state.open };
        this.store();
        this.apply(reply);
        return this.settle();
      } catch (error) {
        const failure = error as ApiFailure;
        // A page that names a path this server does not know still gets a working chat.
        if (failure.status === 400 && path) path = undefined;
        else if (!(await this.retry(failure, attempt))) return;
      }
    }
  }

  private async deliver(turn: Turn): Promise<void> {
    this.sending = true;
    this.set({ busy: true });
    for (let attempt = 0; ; attempt++) {
      try {
        const { id, token } = this.saved!;
        const reply = await this.api.turn(id, token, { ...turn, clientTime: Date.now() });
        this.saved!.pending = undefined;
        this.store();
        this.apply(reply);
        return this.settle();
      } catch (error) {
        const failure = error as ApiFailure;
        if (failure.retryable) {
          if (await this.retry(failure, attempt)) continue;
          return;
        }
        this.saved!.pending = undefined;
        this.store();
        // The question changed under us (another tab, a stale page): show the current one.
        if (failure.status === 409 || failure.status === 422) {
          if (await this.resync()) return this.settle();
        } else if (failure.status === 401 || failure.status === 404) {
          this.forget();
          this.began = false;
        }
        this.settle();
        this.fail(failure);
        return;
      }
    }
  }

  /** Reloads the conversation from the server. False when it is gone (or not ours). */
  private async resync(): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        this.show(await this.api.read(this.saved!.id, this.saved!.token));
        return true;
      } catch (error) {
        const failure = error as ApiFailure;
        if (failure.status === 401 || failure.status === 404) {
          this.forget();
          return false;
        }
        if (!(await this.retry(failure, attempt))) return true;
      }
    }
  }

  /** Waits before the next attempt; false (with the error shown) when trying again is pointless. */
  private async retry(failure: ApiFailure, attempt: number): Promise<boolean> {
    if (!failure.retryable) {
      this.settle();
      this.fail(failure);
      return false;
    }
    if (failure.status === 0 && attempt === 0 && navigator.onLine && (await this.api.refusal())) {
      this.settle();
      this.set({ fatal: 'refused' });
      return false;
    }
    this.set({ trouble: failure.status === 0 && !navigator.onLine ? 'offline' : 'server' });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, backoff(attempt));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = null;
    return true;
  }

  private settle(): void {
    this.sending = false;
    this.set({ busy: false, trouble: null });
    this.watchClock();
  }

  private fail(failure: ApiFailure): void {
    this.set({ fatal: failure.code === 'origin_not_allowed' ? 'refused' : 'failed' });
  }

  // --- the clock check ---------------------------------------------------------------------

  /** While the phone-check question is open: fetch the QR code once, then poll for the report. */
  private watchClock(): void {
    clearTimeout(this.pollTimer);
    const { flow, prompt, seq } = this.state;
    if (!isPhoneCheck(flow, prompt) || !this.saved) {
      if (this.state.qr) this.set({ qr: null });
      return;
    }
    if (this.qrFor !== seq) {
      this.qrFor = seq;
      this.pollUntil = performance.now() + POLL_FOR_MS;
      this.api.clockLink(this.saved.id, this.saved.token).then(
        (link) => this.set({ qr: toQr(link.url, link.svg) }),
        () => (this.qrFor = -1),
      );
    }
    if (document.visibilityState === 'hidden' || performance.now() > this.pollUntil) return;
    this.pollTimer = setTimeout(async () => {
      if (this.sending || !this.saved) return this.watchClock();
      try {
        const view = await this.api.read(this.saved.id, this.saved.token);
        if (view.seq !== this.state.seq && !this.sending) this.show(view);
      } catch {
        // Polling is best effort; the next tick tries again.
      }
      this.watchClock();
    }, POLL_MS);
  }

  // --- state -------------------------------------------------------------------------------

  private apply(reply: Reply): void {
    // A replayed answer to a turn the resumed transcript already holds adds nothing new.
    if (reply.seq <= this.state.seq) return;
    let items = [...this.state.items];
    if (reply.messages.some((m) => m.kind === 'warning')) items = maskLastUserItem(items);
    items.push(...reply.messages.map((m) => this.item(m.role, m.kind, m.text)));
    this.set({ ...pick(reply), items });
  }

  private show(view: View): void {
    const items = view.transcript.map((l) => this.item(l.role, l.kind, l.text));
    this.set({ ...pick(view), items });
  }

  private item(role: Item['role'], kind: string, text: string): Item {
    return { key: this.nextKey++, role, kind, text };
  }

  private set(patch: Partial<State>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  // --- storage (never required: a browser that refuses it gets a chat without resume) ------

  private load(): Saved | null {
    try {
      const saved = JSON.parse(localStorage.getItem(this.storageKey) ?? 'null');
      return saved && typeof saved.id === 'string' && typeof saved.token === 'string'
        ? saved
        : null;
    } catch {
      return null;
    }
  }

  private store(): void {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.saved));
    } catch {
      // Storage full or blocked: the conversation still works until the page is left.
    }
  }

  private forget(): void {
    this.saved = null;
    try {
      localStorage.removeItem(this.storageKey);
    } catch {
      // see store()
    }
  }
}

const pick = (r: Reply | View): Partial<State> => ({
  seq: r.seq,
  locale: r.locale,
  flow: r.flow,
  prompt: r.prompt,
  caseRef: r.caseRef,
});

/** After the assistant warns that a secret was pasted, the user's own bubble stops showing it. */
function maskLastUserItem(items: Item[]): Item[] {
  for (let i = items.length - 1; i >= 0; i--) {
    if (items[i].role === 'user') {
      items[i] = { ...items[i], kind: 'marker', text: '' };
      break;
    }
  }
  return items;
}

/** The QR code's geometry, taken out of the server's SVG and drawn by Preact (no raw HTML). */
function toQr(url: string, svg: string): QrCode | null {
  const viewBox = /viewBox="([\d .]+)"/.exec(svg)?.[1];
  const path =
    /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1] ??
    /<path[^>]*d="([^"]+)"[^>]*stroke="#000000"/.exec(svg)?.[1];
  return viewBox && path && /^[MmHhVvZz\d .-]+$/.test(path) ? { url, viewBox, path } : null;
}
