/**
 * Preloaded into every server the bench starts (`node --expose-gc --import …`), answering over
 * the IPC channel:
 *
 * - `cpu`: the CPU time the process used so far (user + system, µs). On a machine shared with
 *   other work, CPU time per request is the figure that contention disturbs least.
 * - `heap`: runs a full garbage collection, then reports the heap and RSS left.
 *
 * Nothing in the server itself knows about the bench.
 */
process.on('message', (message: unknown) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', micros: user + system });
    return;
  }
  if (message !== 'heap') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: the first pass can leave objects that only the second finds unreachable.
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.send?.({ type: 'heap', heapUsed, rss, collected: gc !== undefined });
});

// An idle IPC channel must not keep a server alive that was told to stop.
process.channel?.unref();
