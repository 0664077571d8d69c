// The resident ID number (GB 11643-1999): 17 digits and a check digit (0-9 or X), checked in the
// page before anything is sent.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkDigit(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** The ID number as sent (trimmed, upper-case X). */
export function normalise(value) {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** null when valid, else the reason: 'empty' | 'length' | 'format' | 'check'. */
export function problem(value) {
  const v = normalise(value);
  if (!v) return 'empty';
  if (v.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(v)) return 'format';
  if (checkDigit(v.slice(0, 17)) !== v[17]) return 'check';
  return null;
}

/** The ID number as staff lists show it: region code and last four, the birth date hidden. */
export function mask(value) {
  if (!value || value.length < 10) return value;
  return `${value.slice(0, 6)}********${value.slice(-4)}`;
}
