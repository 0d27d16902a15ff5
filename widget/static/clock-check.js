// @ts-check
// The clock-check page's only script (no framework, no inline script). It measures
// offset = this device's clock - the server's clock over a few round trips, reports it into the
// conversation named by the link, and shows what the assistant answered.
'use strict';

/** Five round trips: enough to find one quick exchange on a shaky mobile connection. */
const SAMPLES = 5;
const main = /** @type {HTMLElement} */ (document.getElementById('check'));
const statusLine = /** @type {HTMLElement} */ (document.getElementById('status'));
const said = /** @type {HTMLElement} */ (document.getElementById('said'));
const text = main.dataset;

const turnId = 'clock-' + Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, '0')).join('');

/** One round trip; the server's time is taken as read at the midpoint of the exchange. */
async function sample() {
  const sent = Date.now();
  const res = await fetch('/api/v1/time', { cache: 'no-store', credentials: 'omit' });
  if (!res.ok) throw new Error('time');
  const { now } = await res.json();
  const received = Date.now();
  return { rtt: received - sent, offset: (sent + received) / 2 - now };
}

/** The quickest exchange wins: its error is at most half its round trip. */
async function measure() {
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await sample());
  samples.sort((a, b) => a.rtt - b.rtt);
  return Math.round(samples[0].offset);
}

/**
 * Sent again with the same turn id if the network drops: the server runs it once.
 * @param {number} offsetMs
 */
async function report(offsetMs) {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch('/api/v1/clock/' + encodeURIComponent(text.token || ''), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ turnId, offsetMs }),
        credentials: 'omit',
      });
      const body = await res.json().catch(() => null);
      if (res.ok) return body;
      throw Object.assign(new Error('report'), { code: (body && body.error && body.error.code) || 'failed', final: res.status < 500 });
    } catch (error) {
      if (/** @type {{ final?: boolean }} */ (error).final || attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
    }
  }
}

/** @param {string} message */
function show(message) {
  statusLine.textContent = message;
}

async function run() {
  show(text.measuring || '');
  try {
    const offsetMs = await measure();
    const seconds = (offsetMs / 1000).toFixed(1);
    show((text.measured || '').replace('{seconds}', (offsetMs > 0 ? '+' : '') + seconds));
    const body = await report(offsetMs);
    for (const line of body.messages) {
      const p = document.createElement('p');
      p.textContent = line;
      said.appendChild(p);
    }
    said.hidden = false;
    /** @type {HTMLElement} */ (document.getElementById('back')).hidden = false;
    main.classList.add('done');
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    show(code === 'clock_link_expired' ? text.expired || '' : text.failed || '');
    main.classList.add('failed');
  }
}

void run();
