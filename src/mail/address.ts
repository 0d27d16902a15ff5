import { z } from 'zod';

/** A mail recipient: a normalised address and, optionally, the name shown beside it. */
export interface MailAddress {
  address: string;
  name?: string;
}

// RFC 5321 caps a forward path at 256 octets including the angle brackets, so 254 for the address.
const MAX_ADDRESS = 254;
const MAX_NAME = 100;
const emailSchema = z.email().max(MAX_ADDRESS);
const NAMED = /^\s*"?([^"<>]*?)"?\s*<([^<>]*)>\s*$/;
// CR/LF would let a value break out of a mail header; other control characters have no place
// in an address either.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The one parser for login and mail addresses. Accepts `jansen@example.nl` or
 * `Jan Jansen <jansen@example.nl>`, trims and lower-cases the address, and returns undefined for
 * anything that is not exactly one valid address.
 *
 * @example parseAddress(' Anna@Demo.eConnect.test ') // { address: 'anna@demo.econnect.test' }
 */
export function parseAddress(input: string): MailAddress | undefined {
  if (input.length > MAX_ADDRESS + MAX_NAME + 8 || CONTROL.test(input)) return undefined;

  const named = NAMED.exec(input);
  const address = (named ? named[2]! : input).trim().toLowerCase();
  if (!emailSchema.safeParse(address).success) return undefined;

  const name = named?.[1]?.trim();
  if (name && name.length > MAX_NAME) return undefined;
  return name ? { address, name } : { address };
}

export class InvalidAddressError extends Error {
  readonly code = 'INVALID_ADDRESS';
  constructor() {
    // The value itself stays out of the message: error texts end up in logs.
    super('not a valid e-mail address; validate user input with parseAddress before calling');
  }
}

/** The normalised address, or an InvalidAddressError for input the engine should have refused. */
export function normaliseAddress(input: string): string {
  const parsed = parseAddress(input);
  if (!parsed) throw new InvalidAddressError();
  return parsed.address;
}
