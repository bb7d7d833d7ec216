// Which 6-digit PINs a resident may choose. A PIN is the only secret behind a NIK that neighbours and family can
// read off a KTP, so it must not be derived from what is printed there (the NIK, the KK number, the birth date),
// nor be a shape or a number people pick first. Pure: the caller passes what it knows about the resident.
import { type RandomBytes, randomString } from './device-credentials.js';

/** Why a PIN is refused; each is a key of the portal's message catalogues (`errors`). */
export type PinProblem =
  | 'pin-format'
  | 'pin-sequence'
  | 'pin-repeat'
  | 'pin-common'
  | 'pin-nik'
  | 'pin-kk'
  | 'pin-birth';

/** What the PIN must not be made of: digits as typed (separators are ignored), a birth date as YYYY-MM-DD. */
export interface PinContext {
  readonly nik?: string | undefined;
  readonly kk?: string | undefined;
  readonly birthDate?: string | null | undefined;
}

const SIX_DIGITS = /^\d{6}$/;

// The 6-digit entries, in frequency order, of SecLists' "10-million-password-list-top-10000.txt" (the Xato
// corpus of 10 million leaked passwords, danielmiessler/SecLists, Passwords/Common-Credentials) up to about rank 4,000,
// plus the 6-digit entries of its "Indonesian_Pwdb_common-password-list-top-150.txt" (170845: 17 Aug 1945).
// Shapes (repeats, runs) are refused by rule below whether or not they are listed.
// biome-ignore format: one list, read as a table
const COMMON_PINS: ReadonlySet<string> = new Set([
  '123456', '111111', '123123', '696969', '666666', '123321', '654321', '121212', '000000', '112233',
  '555555', '131313', '777777', '159753', '222222', '123654', '987654', '999999', '333333', '232323',
  '888888', '159357', '789456', '101010', '444444', '212121', '315475', '102030', '252525', '007007',
  '111222', '147147', '147258', '010203', '147852', '420420', '242424', '123789', '098765', '141414',
  '202020', '852456', '159951', '134679', '151515', '456789', '124578', '135790', '010101', '171717',
  '142536', '454545', '323232', '741852', '456123', '666999', '321321', '246810', '753951', '314159',
  '181818', '321654', '141627', '456456', '565656', '272727', '343434', '363636', '951753', '112358',
  '191919', '424242', '911911', '121314', '555666', '909090', '787878', '012345', '090909', '505050',
  '159159', '789789', '456852', '262626', '123098', '258456', '161616', '898989', '303030', '102938',
  '123987', '445566', '234567', '545454', '987456', '456654', '753159', '223344', '313131', '353535',
  '282828', '906090', '789654', '666777', '369369', '123457', '132435', '963852', '362436', '989898',
  '474747', '128500', '789123', '525252', '321123', '100000', '150781', '143143', '222333', '321456',
  '292929', '636363', '420247', '332211', '987987', '000001', '456321', '404040', '162534', '789987',
  '135246', '122333', '050505', '515151', '200000', '757575', '727272', '020202', '778899', '969696',
  '555777', '192837', '112211', '777888', '333666', '030303', '656565', '070707', '585858', '414141',
  '336699', '575757', '100100', '080808', '125125', '123451', '170845',
]);

/** Why this PIN may not be chosen, or undefined when it may. */
export function pinProblem(pin: string, context: PinContext = {}): PinProblem | undefined {
  if (!SIX_DIGITS.test(pin)) return 'pin-format';
  if (isRun(pin)) return 'pin-sequence';
  if (isRepeatShape(pin)) return 'pin-repeat';
  if (COMMON_PINS.has(pin)) return 'pin-common';
  const nik = digits(context.nik);
  if (nik && edgesOf(nik).has(pin)) return 'pin-nik';
  if (nik && nikDateForms(nik).has(pin)) return 'pin-birth';
  const kk = digits(context.kk);
  if (kk && edgesOf(kk).has(pin)) return 'pin-kk';
  if (context.birthDate && dateForms(context.birthDate).has(pin)) return 'pin-birth';
  return undefined;
}

/** A random PIN that passes every rule (for an operator resetting a resident's PIN at the office). */
export function newAcceptablePin(context: PinContext = {}, random?: RandomBytes): string {
  for (;;) {
    const pin = randomString('0123456789', 6, random);
    if (pinProblem(pin, context) === undefined) return pin;
  }
}

/** Every step the same +1 or −1, wrapping past 9 and 0 (123456, 890123, 654321, 210987). */
function isRun(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((v, i) => (v - d[i]! + 10) % 10));
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** 111111, 121212, 123123, 112233 (aabbcc), 111222 (aaabbb), 123321 (abccba). */
function isRepeatShape(p: string): boolean {
  const period = (n: number) => [...p].every((ch, i) => ch === p[i % n]);
  if (period(1) || period(2) || period(3)) return true;
  if (p[0] === p[1] && p[2] === p[3] && p[4] === p[5]) return true;
  if (p[0] === p[1] && p[1] === p[2] && p[3] === p[4] && p[4] === p[5]) return true;
  return p === [...p].reverse().join('');
}

function digits(text: string | undefined): string | undefined {
  const d = text?.replace(/\D/g, '');
  return d && d.length >= 6 ? d : undefined;
}

function edgesOf(number: string): Set<string> {
  return new Set([number.slice(0, 6), number.slice(-6)]);
}

/** The NIK's own date block as printed (DDMMYY, women's day + 40) and the real date it stands for. */
function nikDateForms(nik: string): Set<string> {
  if (nik.length !== 16 || nik.startsWith('0')) return new Set();
  const block = nik.slice(6, 12);
  const rawDay = Number(block.slice(0, 2));
  const dd = String(rawDay > 40 ? rawDay - 40 : rawDay).padStart(2, '0');
  const mm = block.slice(2, 4);
  const yy = block.slice(4, 6);
  const forms = sixDigitDates(dd, mm, yy, undefined);
  forms.add(block);
  return forms;
}

/** The 6-digit forms of a YYYY-MM-DD date. */
function dateForms(date: string): Set<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return new Set();
  return sixDigitDates(m[3]!, m[2]!, m[1]!.slice(2), m[1]!);
}

/** DDMMYY, MMDDYY, YYMMDD, YYDDMM, DDYYMM, and with the century known MMYYYY, YYYYMM, DDYYYY. */
function sixDigitDates(dd: string, mm: string, yy: string, yyyy: string | undefined): Set<string> {
  const forms = new Set([`${dd}${mm}${yy}`, `${mm}${dd}${yy}`, `${yy}${mm}${dd}`, `${yy}${dd}${mm}`]);
  forms.add(`${dd}${yy}${mm}`);
  const centuries = yyyy ? [yyyy] : [`19${yy}`, `20${yy}`];
  for (const y of centuries) for (const f of [`${mm}${y}`, `${y}${mm}`, `${dd}${y}`]) forms.add(f);
  return forms;
}
