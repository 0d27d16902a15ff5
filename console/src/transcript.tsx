import { formatClock, formatDateTime, isoTime } from './format';
import type { TranscriptItem } from './types';

function Time({ at }: { at: number }) {
  return (
    <time dateTime={isoTime(at)} title={formatDateTime(at)}>
      {formatClock(at)}
    </time>
  );
}

/** Every string here is rendered as text by Preact: whatever the user typed stays inert. */
function Item({ item, showSteps }: { item: TranscriptItem; showSteps: boolean }) {
  switch (item.type) {
    case 'assistant':
      return (
        <li
          class={`msg assistant${item.kind === 'warning' ? ' warning' : ''}${item.kind === 'case' ? ' case' : ''}`}
        >
          <span class="who">Assistant</span> <Time at={item.at} />
          <p>{item.text}</p>
        </li>
      );
    case 'notice':
      return (
        <li class="msg assistant notice">
          <span class="who">Notice</span> <Time at={item.at} />
          <p>{item.text}</p>
        </li>
      );
    case 'support':
      return (
        <li class="msg support">
          <span class="who">Support</span> <Time at={item.at} />
          <p>{item.text}</p>
        </li>
      );
    case 'user-text':
    case 'user-email':
      return (
        <li class="msg user">
          <span class="who">User{item.type === 'user-email' ? ' (address)' : ''}</span>{' '}
          <Time at={item.at} />
          <p>{item.text}</p>
        </li>
      );
    case 'button':
      return (
        <li class="msg user pressed">
          <span class="who">User pressed</span> <Time at={item.at} />
          <p>
            <span class="chip chosen">{item.label}</span>
          </p>
        </li>
      );
    case 'marker':
      return (
        <li class="msg user marker">
          <span class="who">User</span> <Time at={item.at} />
          <p>
            <span class="secret-marker">{item.label}</span>
          </p>
        </li>
      );
    case 'clock':
      return (
        <li class="msg user">
          <span class="who">User's device</span> <Time at={item.at} />
          <p>Clock measured: {item.offsetSeconds} s off</p>
        </li>
      );
    case 'buttons-offered':
      return (
        <li class="offered" aria-label="Buttons shown">
          {item.labels.map((l, i) => (
            <span key={i} class="chip">
              {l}
            </span>
          ))}
        </li>
      );
    case 'action':
      return (
        <li class={`event action status-${item.status}`}>
          <span class="who">Action</span> <Time at={item.at} /> <strong>{item.name}</strong>:{' '}
          {item.status}
          {item.detail ? ` (${item.detail})` : ''}
        </li>
      );
    case 'state':
      return showSteps ? (
        <li class="event state">
          <span class="who">Step</span> <Time at={item.at} /> {item.flow} → {item.state}
        </li>
      ) : null;
  }
}

/** The conversation as the user saw it, plus what the assistant did behind it. */
export function Transcript({ items, showSteps }: { items: TranscriptItem[]; showSteps: boolean }) {
  if (items.length === 0) return <p class="empty">The transcript is empty.</p>;
  return (
    <ol class="transcript">
      {items.map((item, i) => (
        <Item key={`${item.line}-${item.type}-${i}`} item={item} showSteps={showSteps} />
      ))}
    </ol>
  );
}
