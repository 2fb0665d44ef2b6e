import { randomInt } from 'node:crypto';
import { shanghaiDate } from '../../../core/time.js';

// No 0/O, 1/I/L: a certificate number is read out over the phone and typed at a till.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CERTIFICATE_NUMBER = /^RC-\d{8}-[2-9A-HJKMNP-Z]{6}$/;

/** `RC-<Shanghai date>-<6 random characters>`: ~887 million a day, drawn by the CSPRNG, so no number is guessable from another. */
export function newCertificateNumber(now = new Date()): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `RC-${shanghaiDate(now).replaceAll('-', '')}-${tail}`;
}

/** What a merchant or a resident types, as stored: upper case, no spaces. */
export const normalisedCertificateNumber = (s: string) => s.trim().toUpperCase().replace(/\s+/g, '');
