// Devices on a resident's account. Here: devices without a browser (TVs, printers, set-top boxes), added by an
// operator, which log in to the hotspot with a generated user name and password typed in once. The password
// is stored sealed (CHAP needs it back) and shown only in the answer to `add`.
import { LABEL_MAX, labelAcceptable } from '../../domain/account-rules.js';
import { macKind, normalizeMac } from '../../domain/mac.js';
import { ACCOUNT_STATUS_LABELS, type AccountStore } from '../accounts/accounts.js';
import { invalidInput, ServiceError } from '../errors.js';
import type { Keyring } from '../keyring.js';
import type { PlanStore } from '../plans/plans.js';
import { findActiveResident } from '../residents/resident-lookup.js';
import { bindDevice } from './device-binding.js';
import type { DeviceRecord, DeviceStore } from './device-record.js';

export type { DeviceCreateOutcome, DeviceRecord, DeviceStore, NewDeviceFields } from './device-record.js';

export interface DeviceServiceDeps {
  readonly stores: {
    readonly accounts: Pick<AccountStore, 'findResidentByNikIndex' | 'findResidentById' | 'findByResidentId'>;
    readonly plans: Pick<PlanStore, 'findById' | 'findDefault'>;
    readonly devices: DeviceStore;
  };
  readonly keyring: Keyring;
  readonly now: () => number;
  readonly villageCode: string;
}

export interface DeviceInput {
  readonly mac: string;
  readonly label?: string | undefined;
}

export interface AddedDevice {
  readonly device: DeviceRecord;
  /** In clear, this once: the operator writes it down for the device. */
  readonly password: string;
  readonly nik_masked: string;
  readonly name: string;
  readonly live_devices: number;
  readonly devices_allowed: number;
  /** A locally administered (per-network random) MAC: it changes if the owner resets the phone's setting. */
  readonly randomised: boolean;
}

const NOT_A_DEVICE = {
  zero: 'adalah alamat kosong (semua nol)',
  broadcast: 'adalah alamat siaran (broadcast)',
  multicast: 'adalah alamat grup (multicast)',
} as const;

export function createDeviceService(deps: DeviceServiceDeps) {
  const { accounts, plans, devices } = deps.stores;

  async function activeById(residentId: number) {
    const resident = await accounts.findResidentById(residentId);
    if (!resident) throw new ServiceError('not-found', 'penduduk tidak ada di data desa');
    if (!resident.active) {
      throw new ServiceError(
        'not-eligible',
        `penduduk ${resident.nik_masked} tidak lagi aktif di data penduduk desa`,
      );
    }
    return resident;
  }

  return {
    /** A device without a browser for a resident's account: by NIK (the CLI) or by roster id (the admin web). */
    async addByOperator(
      who: string | { readonly residentId: number },
      input: DeviceInput,
      actor: string,
    ): Promise<AddedDevice> {
      const mac = normalizeMac(input.mac);
      if (!mac)
        throw invalidInput(`alamat MAC tidak terbaca: "${input.mac}" (contoh: AA:BB:CC:DD:EE:FF)`, 'mac');
      const kind = macKind(mac);
      if (kind !== 'device' && kind !== 'randomised') {
        throw invalidInput(`${mac} ${NOT_A_DEVICE[kind]}, bukan alamat sebuah perangkat`, 'mac');
      }
      const label = input.label?.trim() || null;
      if (label && !labelAcceptable(label)) {
        throw invalidInput(`label paling panjang ${LABEL_MAX} karakter, tanpa karakter kontrol`, 'label');
      }
      const resident =
        typeof who === 'string'
          ? (await findActiveResident(deps, accounts, who)).resident
          : await activeById(who.residentId);
      const account = await accounts.findByResidentId(resident.id);
      if (!account) {
        throw new ServiceError(
          'not-found',
          `penduduk ${resident.nik_masked} belum punya akun Wi-Fi; buat dulu dengan "account add"`,
          'nik',
        );
      }
      if (account.status !== 'active') {
        const status = ACCOUNT_STATUS_LABELS[account.status] ?? account.status;
        throw new ServiceError(
          'not-eligible',
          `akun penduduk ${resident.nik_masked} belum aktif (status: ${status})`,
          'nik',
        );
      }
      const plan =
        account.plan_id === null ? await plans.findDefault() : await plans.findById(account.plan_id);
      if (!plan)
        throw new ServiceError('not-found', 'belum ada paket Wi-Fi; buat dulu dengan "plan add"', 'plan');
      const binding = await bindDevice(deps, devices, account, plan, mac, label ?? undefined, { actor });
      if (binding.kind === 'institution') {
        throw new ServiceError(
          'conflict',
          `alamat MAC ${mac} adalah perangkat lembaga ${binding.institution}; cabut dulu dari lembaga itu`,
          'mac',
        );
      }
      if (binding.kind === 'full') {
        throw new ServiceError(
          'limit-reached',
          `batas perangkat paket ${plan.name} sudah tercapai (${binding.liveDevices} dari ${plan.devices_allowed}); cabut perangkat lama dulu`,
          'mac',
        );
      }
      // A MAC already live, on this account or another, is not added twice.
      if (binding.kind === 'mac-elsewhere' || !binding.added) {
        throw new ServiceError('conflict', `alamat MAC ${mac} sudah terdaftar pada perangkat lain`, 'mac');
      }
      return {
        device: binding.device,
        password: binding.password,
        nik_masked: resident.nik_masked,
        name: resident.name,
        live_devices: binding.liveDevices,
        devices_allowed: plan.devices_allowed,
        randomised: kind === 'randomised',
      };
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
