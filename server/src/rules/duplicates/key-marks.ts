// Which band keys more than one item of a check has: the only keys worth looking up.

import { BANDS } from "./geometry";

/**
 * Which band keys more than one item of a check has, as two bit sets over the keys' low bits
 * (seen once, seen again): a few hundred KB that stay in cache, where the band table of a big
 * document does not. Two keys sharing their low bits only make a key look shared (it is then
 * looked up as before); a shared key never looks unshared.
 */
class KeyMarks {
  private once = new Int32Array(128);
  private twice = new Int32Array(128);
  private mask = 128 * 32 - 1;

  /** Empties the marks for a check of at most `keys` keys (8 bits per key, at most 4 M bits). */
  reset(keys: number): void {
    const bits = Math.min(1 << 22, Math.max(1 << 12, 2 ** Math.ceil(Math.log2(8 * keys + 1))));
    if (bits / 32 > this.once.length || bits / 32 < this.once.length / 4) {
      this.once = new Int32Array(bits / 32);
      this.twice = new Int32Array(bits / 32);
    } else {
      this.once.fill(0, 0, bits / 32);
      this.twice.fill(0, 0, bits / 32);
    }
    this.mask = bits - 1;
  }

  /** Marks the BANDS keys at `from`; returns how many more item-and-band pairs now share a key. */
  mark(signatures: Uint32Array, from: number): number {
    const once = this.once;
    const twice = this.twice;
    let shared = 0;
    for (let b = 0; b < BANDS; b++) {
      const h = signatures[from + b] & this.mask;
      const word = h >>> 5;
      const bit = 1 << (h & 31);
      if ((once[word] & bit) === 0) once[word] |= bit;
      else if ((twice[word] & bit) === 0) {
        twice[word] |= bit;
        shared += 2;
      } else shared++;
    }
    return shared;
  }

  /** A bit per band (of the BANDS keys at `from`) whose key was marked more than once. */
  sharedBands(signatures: Uint32Array, from: number): number {
    const twice = this.twice;
    let bands = 0;
    for (let b = 0; b < BANDS; b++) {
      const h = signatures[from + b] & this.mask;
      if ((twice[h >>> 5] & (1 << (h & 31))) !== 0) bands |= 1 << b;
    }
    return bands;
  }
}

/** The one set of key marks, re-used by every check (scratch.ts says why). */
export const keyMarks = new KeyMarks();
