// Where each printed character came from in the source text. The printed blocks keep the text
// but not its offsets (Markdown syntax, list bullets and the like are gone; "印发" and bullets
// are added), so the printed characters are matched to the source in order, skipping the
// syntax between them: exact for plain text, character by character for Markdown.

/** Source characters a printed one may skip over: blanks, line breaks and Markdown syntax. */
function isSkippable(code: number): boolean {
  switch (code) {
    case 0x20: case 0x09: case 0x0a: case 0x0d: case 0x3000:
    case 0x2a: case 0x5f: case 0x7e: case 0x60: case 0x23: case 0x3e: case 0x7c: case 0x5c:
    case 0x5b: case 0x5d: case 0x28: case 0x29: case 0x21: case 0x3c: case 0x2d: case 0x2b: case 0x3a: case 0x3d:
      return true;
    default:
      return false;
  }
}

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x3000;

/** How far a printed character is looked for past syntax, and past other text (a link's target). */
const SYNTAX_WINDOW = 96;
const TEXT_WINDOW = 320;

export class SourceAligner {
  private at: number;
  constructor(private readonly text: string, from: number, private readonly to: number) {
    this.at = from;
  }

  /** The source offset of the next printed character `code`, or -1 when it is not in the source (added by the layout). */
  next(code: number): number {
    const text = this.text;
    const limit = Math.min(this.to, this.at + SYNTAX_WINDOW);
    for (let k = this.at; k < limit; k++) {
      const c = text.charCodeAt(k);
      if (c === code) return this.take(k);
      if (!isSkippable(c)) break;
    }
    // Past other text (a link's target, a Markdown image): never for a blank or a break, which
    // the layout adds between words and would find anywhere.
    if (isBlank(code)) return -1;
    const far = Math.min(this.to, this.at + TEXT_WINDOW);
    for (let k = this.at; k < far; k++) if (text.charCodeAt(k) === code) return this.take(k);
    return -1;
  }

  private take(k: number): number {
    this.at = k + 1;
    return k;
  }
}
