import { describe, expect, it } from 'vitest';
import { DEVICE_USERNAME_PREFIX, newDeviceUsername } from './device-credentials.js';
import { isTicketUsername, newTicketSecret, newTicketUsername } from './login-ticket.js';
import { isUnicastMac } from './mac.js';

describe('login tickets', () => {
  it('are told from device user names by their prefix alone', () => {
    const ticket = newTicketUsername();
    expect(ticket).toMatch(/^wt-[a-z2-9]{16}$/);
    expect(isTicketUsername(ticket)).toBe(true);
    expect(isTicketUsername(newDeviceUsername())).toBe(false);
    expect(DEVICE_USERNAME_PREFIX).not.toBe('wt-');
    expect(isTicketUsername('BC:24:11:EB:56:4D')).toBe(false);
    expect(newTicketSecret()).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(newTicketUsername()).not.toBe(ticket);
  });

  it('bind only a MAC that names one device', () => {
    expect(isUnicastMac('5C:1A:2B:00:10:01')).toBe(true);
    expect(isUnicastMac('02:AA:00:00:00:01')).toBe(true);
    expect(isUnicastMac('FF:FF:FF:FF:FF:FF')).toBe(false);
    expect(isUnicastMac('01:00:5E:00:00:FB')).toBe(false);
    expect(isUnicastMac('00:00:00:00:00:00')).toBe(false);
  });
});
