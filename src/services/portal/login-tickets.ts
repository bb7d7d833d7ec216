// Single-use login tickets. After a resident proves NIK + PIN (or registers), the portal asks for a ticket for
// the account: a random hotspot user name and secret, valid for a few minutes, whose secret leaves the server
// only as the CHAP answer to the router's own challenge. The RADIUS server, on an Access-Request from a known
// router naming the ticket, checks CHAP against it, uses it up, and binds the MAC the router reports. So only
// the router vouches for a device; a MAC a browser names is never bound.

import type { RejectReason } from '../../domain/auth-messages.js';
import { newTicketSecret, newTicketUsername, TICKET_TTL_MS } from '../../domain/login-ticket.js';
import { isUnicastMac } from '../../domain/mac.js';
import { type BindingDevices, bindDevice, PORTAL_ACTOR } from '../devices/device-binding.js';
import type { Keyring } from '../keyring.js';
import type { PlanStore } from '../plans/plans.js';
import type { PortalDevice, RegistrationStore } from './registration.js';

export interface LoginTicket {
  readonly username: string;
  readonly accountId: number;
  readonly secretEnc: string;
  readonly label: string | null;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

export type TicketRedemption<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'unknown' | 'used' | 'expired' };

/** The storage tickets need (db/stores/login-ticket-store.ts). */
export interface LoginTicketStore {
  /** False when the user name is taken (then another is drawn). */
  insert(ticket: Omit<LoginTicket, 'usedAt'> & { readonly createdAt: number }): Promise<boolean>;
  find(username: string): Promise<LoginTicket | undefined>;
  /**
   * In one transaction: marks the ticket used by `mac` when it is unused and unexpired at `at` (a second
   * request for it waits, then finds it used), then runs `bind` with device storage of the same transaction.
   */
  redeem<T>(
    username: string,
    mac: string,
    at: number,
    bind: (devices: BindingDevices) => Promise<T>,
  ): Promise<TicketRedemption<T>>;
  /** Deletes tickets that expired before `before`. */
  prune(before: number): Promise<void>;
}

export interface LoginTicketDeps {
  readonly stores: {
    readonly tickets: LoginTicketStore;
    readonly accounts: Pick<RegistrationStore, 'findAccount' | 'liveDevices' | 'institutionOfMac'>;
    readonly plans: Pick<PlanStore, 'findById' | 'findDefault'>;
  };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly ttlMs?: number;
}

/** What the portal may do for an account whose NIK + PIN this browser just proved. */
export type TicketOffer =
  | { readonly kind: 'ticket'; readonly username: string; readonly secret: string }
  /** The account may not log in (pending, suspended, left the roster). */
  | { readonly kind: 'not-allowed' }
  | { readonly kind: 'no-plan' }
  /** The router's page named a MAC that is an institution's device: a resident cannot claim it. */
  | { readonly kind: 'institution-device' }
  /** Every device the plan allows is taken: the resident removes one first. */
  | {
      readonly kind: 'full';
      readonly planName: string;
      readonly devices: readonly PortalDevice[];
      readonly devicesAllowed: number;
    };

/** The outcome of an Access-Request naming a ticket whose CHAP answer checked out. */
export type TicketLogin =
  | { readonly kind: 'bound'; readonly deviceUsername: string; readonly added: boolean }
  | { readonly kind: 'refused'; readonly reason: RejectReason; readonly devicesAllowed?: number };

const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

export function createLoginTicketService(deps: LoginTicketDeps) {
  const { tickets, accounts, plans } = deps.stores;
  const ttl = deps.ttlMs ?? TICKET_TTL_MS;
  const planFor = (planId: number | null) => (planId === null ? plans.findDefault() : plans.findById(planId));

  async function issue(accountId: number, label: string | undefined) {
    const now = deps.now();
    await tickets.prune(now - PRUNE_AFTER_MS);
    const secret = newTicketSecret();
    const secretEnc = await deps.keyring.encrypt(secret);
    for (let attempt = 0; attempt < 5; attempt++) {
      const username = newTicketUsername();
      const fields = {
        username,
        accountId,
        secretEnc,
        label: label || null,
        createdAt: now,
        expiresAt: now + ttl,
      };
      if (await tickets.insert(fields)) return { username, secret };
    }
    throw new Error('could not find a free ticket user name');
  }

  async function institutionDevice(mac: string | undefined): Promise<boolean> {
    return mac !== undefined && (await accounts.institutionOfMac(mac)) !== undefined;
  }

  return {
    /**
     * A ticket for the account, or why not. `knownMac` (what the router's page said, unverified) only spares a
     * phone already on the account the "plan is full" page; RADIUS decides on the MAC the router reports.
     */
    async offer(accountId: number, opts: { label?: string; knownMac?: string } = {}): Promise<TicketOffer> {
      const account = await accounts.findAccount(accountId);
      if (account?.status !== 'active' || !account.resident_active) return { kind: 'not-allowed' };
      // Said here, before any ticket, so the resident reads why; RADIUS refuses the binding all the same.
      if (await institutionDevice(opts.knownMac)) return { kind: 'institution-device' };
      const plan = await planFor(account.plan_id);
      if (!plan) return { kind: 'no-plan' };
      const devices = await accounts.liveDevices(account.id);
      const own = opts.knownMac !== undefined && devices.some((d) => d.mac === opts.knownMac);
      if (devices.length >= plan.devices_allowed && !own) {
        return { kind: 'full', planName: plan.name, devices, devicesAllowed: plan.devices_allowed };
      }
      return { kind: 'ticket', ...(await issue(account.id, opts.label?.trim() || undefined)) };
    },

    /** Whether the MAC the router's page named is an institution's device (the portal says so up front). */
    institutionDevice,

    /** The ticket's secret in clear, for checking the CHAP answer; undefined for a name no ticket has. */
    async secretOf(username: string): Promise<string | undefined> {
      const ticket = await tickets.find(username);
      return ticket && deps.keyring.decrypt(ticket.secretEnc);
    },

    /** Uses the ticket up and binds `callingMac` (the router's Calling-Station-Id) to its account. */
    async redeem(username: string, callingMac: string | undefined): Promise<TicketLogin> {
      if (!callingMac || !isUnicastMac(callingMac)) return { kind: 'refused', reason: 'ticket_no_mac' };
      const ticket = await tickets.find(username);
      if (!ticket) return { kind: 'refused', reason: 'unknown_device' };
      if (ticket.usedAt !== null) return { kind: 'refused', reason: 'ticket_used' };
      if (ticket.expiresAt <= deps.now()) return { kind: 'refused', reason: 'ticket_expired' };
      const account = await accounts.findAccount(ticket.accountId);
      if (!account?.resident_active) return { kind: 'refused', reason: 'not_in_roster' };
      if (account.status === 'pending') return { kind: 'refused', reason: 'account_pending' };
      if (account.status !== 'active') return { kind: 'refused', reason: 'account_suspended' };
      const plan = await planFor(account.plan_id);
      if (!plan) return { kind: 'refused', reason: 'no_plan' };
      const label = ticket.label ?? undefined;
      const used = await tickets.redeem(username, callingMac, deps.now(), (devices) =>
        bindDevice(deps, devices, account, plan, callingMac, label, { actor: PORTAL_ACTOR, via: 'ticket' }),
      );
      if (!used.ok) {
        return {
          kind: 'refused',
          reason: used.reason === 'unknown' ? 'unknown_device' : `ticket_${used.reason}`,
        };
      }
      const binding = used.value;
      if (binding.kind === 'mac-elsewhere') return { kind: 'refused', reason: 'mac_elsewhere' };
      if (binding.kind === 'institution') return { kind: 'refused', reason: 'mac_institution' };
      if (binding.kind === 'full') {
        return { kind: 'refused', reason: 'too_many_devices', devicesAllowed: binding.devicesAllowed };
      }
      return { kind: 'bound', deviceUsername: binding.device.username, added: binding.added };
    },
  };
}

export type LoginTicketService = ReturnType<typeof createLoginTicketService>;
