import { describe, expect, it } from 'vitest';
import { compareWithKnown, formatKnown, parseKnown, violationLine } from './known.js';
import type { Violation } from './rules.js';

const pk: Violation = { table: 'sessions', rule: 'unique key', message: 'primary key sessions_pkey (id) does not include user_id' };
const fk: Violation = { table: 'notices', rule: 'foreign key', message: 'foreign key notices_created_by_fkey (created_by) → users (id): nope' };

describe('the known-violations ratchet', () => {
  it('round-trips the list it writes, comments and blank lines ignored', () => {
    const text = formatKnown([pk, fk, pk]);
    expect(parseKnown(`${text}\n\n# a note\n`)).toEqual([violationLine(fk), violationLine(pk)]);
  });

  it('passes when the violations are exactly the list', () => {
    expect(compareWithKnown([pk, fk], [violationLine(fk), violationLine(pk)])).toEqual({ added: [], fixed: [] });
  });

  it('names a violation that is not listed, and a listed one that is gone', () => {
    expect(compareWithKnown([pk, fk], [violationLine(pk)])).toEqual({ added: [violationLine(fk)], fixed: [] });
    expect(compareWithKnown([fk], [violationLine(pk), violationLine(fk)])).toEqual({ added: [], fixed: [violationLine(pk)] });
  });
});
