import autocannon from 'autocannon';

/** What one lane sends next: a path, headers and a JSON body. */
export interface NextRequest {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * One lane per connection: the lane owns its conversations, so requests on a conversation are
 * sent one after the other (the next one is built only after the previous answer arrived) and a
 * scripted turn sequence stays in step.
 */
export type Lanes = (lane: number) => NextRequest;

export interface LoadResult {
  requests: number;
  /** 2xx answers per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  /** The server's CPU time (user + system) per 2xx answer, µs; NaN when not asked for. */
  cpuPerRequest: number;
  /** Answers that were not 2xx, timeouts and connection errors. */
  failures: number;
  statuses: Record<string, number>;
}

/**
 * Drives `base` with `connections` keep-alive connections for `seconds`, bounded in count too.
 * Latencies are taken from every answer at full resolution (autocannon's own histogram rounds to
 * whole milliseconds, too coarse for a sub-millisecond p50).
 */
export async function load(
  base: string,
  connections: number,
  seconds: number,
  next: Lanes,
  cpu?: () => Promise<number>,
): Promise<LoadResult> {
  // One URL per connection: autocannon gives connection i the URL i, and the lane number rides in
  // its path until setupRequest swaps in the real request.
  const urls = Array.from({ length: connections }, (_, i) => `${base}/lane/${i}`);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};

  const cpuBefore = await cpu?.();
  const options: autocannon.Options = {
    // autocannon takes a list of URLs (its README); @types/autocannon only knows one.
    url: urls as unknown as string,
    connections,
    duration: seconds,
    // A cap on the count besides the duration: no run can send more than this.
    maxOverallRequests: 1_000_000,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const r = next(Number(/\/lane\/(\d+)$/.exec(req.path!)![1]));
          return {
            ...req,
            path: r.path,
            headers: { ...req.headers, 'content-type': 'application/json', ...r.headers },
            body: JSON.stringify(r.body),
          };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(options, (error, result) => (error ? fail(error) : done(result)));
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
  const cpuUsed = cpu ? (await cpu()) - cpuBefore! : NaN;

  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / (result.duration || seconds),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuPerRequest: cpuUsed / latencies.length,
    failures: result.non2xx + result.errors + result.timeouts,
    statuses,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
