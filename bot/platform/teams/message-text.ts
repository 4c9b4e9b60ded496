/**
 * Teams delivers a message's text as HTML even when `textFormat` says plain: "&" arrives as
 * "&amp;", a non-breaking space as "&nbsp;", and formatting as tags (`<p>`, `<at>`). Commands
 * match names people typed, so they must see the text as the person saw it.
 */

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const hex = body[1] === 'x' || body[1] === 'X';
    const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    // An out-of-range code point would throw; leave such text as it came.
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED[body.toLowerCase()] ?? entity;
}

/** The plain text of a Teams message: tags dropped first (a typed "<" arrives as "&lt;"), then entities decoded. */
export function plainTextOf(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, decodeEntity)
    .replace(/\u00a0/g, ' ');
}
