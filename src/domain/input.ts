/**
 * Input as a Chinese IME user types it. In full-width mode (全角) digits, Latin letters and ASCII punctuation
 * come as their full-width forms (１３８, Ｘ, －, ：) and the space as the ideographic space (U+3000); ID
 * numbers and phones are pasted with spaces between groups. These fields are normalised once, at the edge
 * (the shared API field rules and the spreadsheet cell readers), so a form, an import and an API client agree.
 * Names and other text are left as written: only fields whose characters are digits, letters and
 * punctuation by definition are changed.
 */

const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;

/** Full-width ASCII forms and the ideographic space to their half-width forms; everything else unchanged. */
export function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** A code typed with spaces or in full width (身份证号, 手机号): half width, no whitespace, letters upper case. */
export function compactCode(text: string): string {
  return halfWidth(text).replace(/\s+/g, '').toUpperCase();
}

/** A date, month or amount as typed: half width, trimmed. */
export function plainFigure(text: string): string {
  return halfWidth(text).trim();
}
