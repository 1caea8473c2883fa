/**
 * Masks customer contact data in message text before it is stored (SPEC §9).
 * The masks keep the shape (`138****5678`, `z***@qq.com`) so a reviewer still sees that an agent
 * shared a number or address, and AutoQA's diversion rule still recognises it.
 */

// Not part of a longer run of letters or digits: product codes and order numbers stay intact.
const CN_MOBILE = /(?<![A-Za-z0-9])(1[3-9]\d)(\d{4})(\d{4})(?![A-Za-z0-9])/g;
// +country code, then groups of digits with optional spaces or dashes: at least 8 digits after the code.
const INTERNATIONAL = /(?<![A-Za-z0-9+])\+(\d{1,3})[\s-]?(\d(?:[\s-]?\d){7,13})(?![A-Za-z0-9])/g;
// Chinese landline: 0XX-XXXXXXXX or 0XXX-XXXXXXX.
const CN_LANDLINE = /(?<![A-Za-z0-9])(0\d{2,3})-(\d{3,4})(\d{4})(?![A-Za-z0-9])/g;
const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

export function maskContactData(text: string): string {
  return text
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`)
    .replace(INTERNATIONAL, (_m, code: string, rest: string) => {
      const digits = rest.replace(/\D/g, '');
      return `+${code} ${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
    })
    .replace(CN_MOBILE, (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`)
    .replace(CN_LANDLINE, (_m, area: string, mid: string, tail: string) => `${area}-${'*'.repeat(mid.length)}${tail}`);
}
