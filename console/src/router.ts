import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** `/`, `/cases/LH-7KQ4-M2XD`, `/overview`, `/notice`. */
  path: string;
  query: URLSearchParams;
}

function current(): Route {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = hash.split('?');
  return { path, query: new URLSearchParams(search) };
}

/** The route in the URL's hash, so reloading and the back button keep the view and filters. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function href(path: string, query?: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export const go = (to: string): void => {
  location.hash = to.replace(/^#/, '');
};
