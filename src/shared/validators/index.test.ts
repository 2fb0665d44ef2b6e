import { describe, expect, it } from 'vitest';
import * as validators from './index.js';

describe('validators index', () => {
  it('re-exports every validator and helper', () => {
    for (const name of [
      'validateCitizenId',
      'citizenIdBirthDate',
      'citizenIdGender',
      'maskCitizenId',
      'computeCitizenIdCheckChar',
      'validateCreditCode',
      'computeCreditCodeCheckChar',
      'validateVin',
      'computeVinCheckDigit',
      'validateMobile',
      'maskMobile',
      'validateInvoiceNumber',
      'validateBankAccount',
      'maskBankAccount',
    ] as const) {
      expect(typeof validators[name]).toBe('function');
    }
  });

  it('lists each reason code once', () => {
    expect(new Set(validators.VALIDATOR_REASONS).size).toBe(validators.VALIDATOR_REASONS.length);
    expect([...validators.VALIDATOR_REASONS].sort()).toEqual(
      ['birthDate', 'charset', 'checksum', 'forbiddenLetter', 'length', 'prefix', 'region', 'required'].sort(),
    );
  });
});
