import { render } from 'preact';
import type { Locale } from './api';
import { App, type Colors } from './app';
import { Chat } from './chat';
import css from './styles.css?inline';

/**
 * Embedding options: `data-*` attributes on the script tag, or the argument of
 * `LoginHelp.open({...})`. The call wins over the attributes.
 */
export interface Options {
  /** `en` | `nl`. @default the browser's language when it is Dutch, else `en` */
  lang?: string;
  /** `right` | `left`. @default right */
  position?: string;
  /** Open the panel as soon as the page loads. @default false */
  open?: boolean;
  /** The help path to start in, e.g. `forgotPassword` on a login page. @default triage */
  path?: string;
  /** The login page the widget sits on: `platform` or `identity`. */
  portal?: string;
  /** Panel title. @default "Login help" in the current language */
  title?: string;
  /** Accent colour (any CSS colour). @default #0b5cad */
  accent?: string;
  /** Origin of the chat API. @default the origin the script was loaded from */
  api?: string;
  /** Nonce for the fallback `<style>` element in browsers without constructable stylesheets. */
  nonce?: string;
}

// Only readable while this script first runs, so it is taken at once.
const script = document.currentScript as HTMLScriptElement | null;

function scriptOptions(): Options {
  const data = script?.dataset ?? {};
  return {
    lang: data.lang,
    position: data.position,
    open: data.open !== undefined && data.open !== 'false',
    path: data.path,
    portal: data.portal,
    title: data.title,
    accent: data.accent,
    api: data.api ?? (script?.src ? new URL(script.src, location.href).origin : location.origin),
    nonce: script?.nonce || undefined,
  };
}

const pickLocale = (lang?: string): Locale =>
  (lang ?? navigator.language ?? '').toLowerCase().startsWith('nl') ? 'nl' : 'en';

/** Styles go into the shadow root only: constructable stylesheet, else a `<style>` element. */
function attachStyles(root: ShadowRoot, nonce?: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.appendChild(style);
  }
}

/** The accent and a text colour for it: white or near-black, whichever reads better. */
function accentColors(root: ShadowRoot, accent: string): Colors | undefined {
  if (!CSS.supports('color', accent)) return undefined;
  const probe = document.createElement('i');
  probe.style.color = accent;
  root.appendChild(probe);
  const [r, g, b] = (getComputedStyle(probe).color.match(/[\d.]+/g) ?? []).map(Number);
  probe.remove();
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  // Contrast against white is 1.05/(L+0.05); against #111 it is (L+0.05)/0.0556.
  return {
    accent,
    onAccent: 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0556 ? '#fff' : '#111',
  };
}

let chat: Chat | undefined;

function mount(options: Options): Chat {
  const host = document.createElement('login-help-widget');
  // Open, so assistive technology and test tools can see in; host CSS still cannot.
  const root = host.attachShadow({ mode: 'open' });
  attachStyles(root, options.nonce);
  (document.body ?? document.documentElement).appendChild(host);
  const colors = options.accent ? accentColors(root, options.accent) : undefined;

  const portal =
    options.portal === 'platform' || options.portal === 'identity' ? options.portal : undefined;
  const created = new Chat({
    api: options.api ?? location.origin,
    locale: pickLocale(options.lang),
    path: options.path,
    portal,
  });
  render(
    <App chat={created} title={options.title} left={options.position === 'left'} colors={colors} />,
    root,
  );
  return created;
}

/** Opens the panel (mounting the widget first when needed). */
export function open(options: Options = {}): void {
  if (!chat) chat = mount({ ...scriptOptions(), ...options });
  else if (options.lang) chat.setLocale(pickLocale(options.lang));
  chat.setOpen(true);
  // Before the first turn a page may still pick the path (e.g. a "forgot password?" link).
  if (options.path) void chat.begin(options.path);
}

export function close(): void {
  chat?.setOpen(false);
}

function boot(): void {
  if (chat) return;
  const options = scriptOptions();
  chat = mount(options);
  if (options.open || chat.wasOpen()) chat.setOpen(true);
}

// A script tag loaded twice still gives one widget: the first one keeps the page.
if (!document.querySelector('login-help-widget')) {
  if (document.body) boot();
  else document.addEventListener('DOMContentLoaded', boot, { once: true });
}
