import { parseAddress } from '../mail/address.js';

/**
 * A login address typed in the chat, through the project's one address parser (trimmed,
 * lower-case, no line breaks). A "mailto:" prefix pasted from a mail client is dropped.
 * Returns undefined when it is not an address.
 */
export function parseEmail(raw: string): string | undefined {
  return parseAddress(raw.trim().replace(/^mailto:/i, ''))?.address;
}
