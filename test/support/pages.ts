import type { ParsedMail } from 'mailparser';

/** The first link in a mail's text whose path starts with `path` (e.g. "/reset"). */
export function linkIn(mail: ParsedMail, path: string): string {
  const text = `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
  const links = text.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
  const found = links
    .map((l) => l.replace(/&amp;/g, '&'))
    .find((l) => new URL(l).pathname.startsWith(path));
  if (!found) throw new Error(`no ${path} link in mail "${mail.subject}":\n${mail.text}`);
  return found;
}

export interface PageResult {
  status: number;
  html: string;
  location?: string;
  cookie?: string;
}

/** GET without following redirects, keeping the cookie a redirect sets. */
export async function getPage(url: string, cookie?: string): Promise<PageResult> {
  const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const setCookie = res.headers.get('set-cookie')?.split(';')[0];
  return {
    status: res.status,
    html: await res.text(),
    location: res.headers.get('location') ?? undefined,
    cookie: setCookie,
  };
}

export async function postForm(
  url: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<PageResult> {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: res.status,
    html: await res.text(),
    location: res.headers.get('location') ?? undefined,
  };
}

/**
 * Follows a reset link the way a browser does: the link answers 303 with the secret moved into
 * a cookie, the form is shown, and the new password is posted with that cookie.
 */
export async function resetPasswordVia(link: string, password: string): Promise<PageResult> {
  const landing = await getPage(link);
  if (landing.status !== 303 || !landing.location) return landing;
  const formUrl = new URL(landing.location, link).toString();
  const form = await getPage(formUrl, landing.cookie);
  if (form.status !== 200) return form;
  const action = /<form[^>]*action="([^"]+)"/.exec(form.html)?.[1] ?? 'reset';
  return postForm(
    new URL(action.replace(/&amp;/g, '&'), formUrl).toString(),
    { password, repeat: password },
    landing.cookie,
  );
}
