// Login tickets: the one-time hotspot credential the portal issues after a resident proves NIK + PIN. The
// portal never learns which phone will use it; the router's Access-Request says so (Calling-Station-Id). Its
// user name has a prefix of its own, so the RADIUS hot path tells a ticket from a device without a lookup.
import {
  PASSWORD_ALPHABET,
  type RandomBytes,
  randomString,
  USERNAME_ALPHABET,
} from './device-credentials.js';

export const TICKET_USERNAME_PREFIX = 'wt-';
/** Long enough for a slow phone to follow the auto-submitting page; short enough that a copy goes stale. */
export const TICKET_TTL_MS = 5 * 60 * 1000;

/** `wt-` + 16 characters: about 80 bits, so a ticket name cannot be guessed within its few minutes. */
export function newTicketUsername(random?: RandomBytes): string {
  return TICKET_USERNAME_PREFIX + randomString(USERNAME_ALPHABET, 16, random);
}

/** 20 characters from 56: about 116 bits. */
export function newTicketSecret(random?: RandomBytes): string {
  return randomString(PASSWORD_ALPHABET, 20, random);
}

export function isTicketUsername(userName: string): boolean {
  return userName.startsWith(TICKET_USERNAME_PREFIX);
}
