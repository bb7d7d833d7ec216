// What flows between the pipeline's stages.
import type { Nas } from '../../src/services/radius/radius-nas.js';
import type { OutAttribute, Packet } from '../packet.js';

export type ListenerKind = 'auth' | 'acct';

export interface Source {
  readonly address: string;
  readonly port: number;
}

export type DropReason =
  | 'malformed'
  | 'unexpected_code'
  | 'unknown_nas'
  | 'bad_authenticator'
  | 'bad_message_authenticator'
  | 'missing_message_authenticator'
  | 'missing_attribute'
  | 'storage_error'
  | 'internal_error';

/** A packet that decoded, came from a known router and verified under its secret. */
export interface RadiusRequest {
  readonly packet: Packet;
  readonly nas: Nas;
  readonly secret: Uint8Array;
  readonly source: Source;
  readonly listener: ListenerKind;
  readonly receivedAt: number;
}

export interface Reply {
  readonly code: number;
  readonly attributes: readonly OutAttribute[];
  /** Whether the reply carries a Message-Authenticator (always for Access-*, and Status-Server answers). */
  readonly messageAuthenticator: boolean;
}

export type StageOutcome = { readonly reply: Reply } | { readonly drop: DropReason };
