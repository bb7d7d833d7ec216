// A PIN chosen for a resident at the village office (`account add`, `account pin`, `account reclaim`): six random
// digits that a stranger would not try first. Stand-in until the shared PIN rules (`newAcceptablePin`) land.

const SIX_DIGITS = /^\d{6}$/;

/** Six digits, not all alike, no digit three times, no run of three up or down (123, 987), no repeated pair. */
export function officePinAcceptable(pin: string): boolean {
  if (!SIX_DIGITS.test(pin)) return false;
  const d = [...pin].map(Number);
  const counts = new Map<number, number>();
  for (const v of d) counts.set(v, (counts.get(v) ?? 0) + 1);
  if ([...counts.values()].some((n) => n >= 3)) return false;
  for (let i = 2; i < 6; i++) {
    const a = d[i - 2]!;
    const b = d[i - 1]!;
    const c = d[i]!;
    if ((b - a === 1 && c - b === 1) || (b - a === -1 && c - b === -1)) return false;
  }
  // 121212-like: the same pair thrice.
  if (pin.slice(0, 2) === pin.slice(2, 4) && pin.slice(2, 4) === pin.slice(4)) return false;
  return true;
}

/** A fresh acceptable PIN from the Web Crypto random source (Node and Workers alike). */
export function newOfficePin(random: (n: number) => Uint32Array = randomWords): string {
  for (;;) {
    const words = random(6);
    // 2^32 mod 10 is 6: rejecting the top few values keeps every digit equally likely.
    if (words.some((w) => w >= 4_294_967_290)) continue;
    const pin = [...words].map((w) => String(w % 10)).join('');
    if (officePinAcceptable(pin)) return pin;
  }
}

function randomWords(n: number): Uint32Array {
  return crypto.getRandomValues(new Uint32Array(n));
}
