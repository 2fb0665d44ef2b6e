import type { FormRule as Rule } from 'antd';
import { translate } from '../../shared/i18n/messages';
import { isStrongPassword } from '../../shared/password';
import type { Locale } from '../../shared/roles';
import { validateCitizenId, validateCreditCode, validateMobile, type ValidationResult } from '../../shared/validators';
import type { Translate } from '../i18n/I18nProvider';

/**
 * Form rules that check what the server checks, with the server's own validators and wording, so a form is
 * right before it is sent.
 */
type Kind = 'citizenId' | 'creditCode' | 'mobile';
const VALIDATORS: Record<Kind, (v: string) => ValidationResult> = {
  citizenId: (v) => validateCitizenId(v),
  creditCode: validateCreditCode,
  mobile: validateMobile,
};

export function identifierRule(kind: Kind, locale: Locale, options: { optional?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (options.optional && (value === undefined || value.trim() === '')) return;
      const result = VALIDATORS[kind](value ?? '');
      if (!result.ok) throw new Error(translate(locale, `field.${kind}.${result.reason}` as Parameters<typeof translate>[1]));
    },
  };
}

export function passwordRule(locale: Locale): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value) throw new Error(translate(locale, 'field.required'));
      if (!isStrongPassword(value)) throw new Error(translate(locale, 'field.password.weak'));
    },
  };
}

/** "Confirm password" must equal the field `other`. */
export function sameAsRule(other: string, t: Translate): Rule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: string | undefined) => {
      if (!value) throw new Error(t('common.required'));
      if (value !== getFieldValue(other)) throw new Error(t('field.passwordMismatch'));
    },
  });
}

export function requiredRule(t: Translate, whitespace = true): Rule {
  return { required: true, whitespace, message: t('common.required') };
}

export function minRule(t: Translate, min: number): Rule {
  return { min, message: t('field.minLength', { min }) };
}

export const USERNAME_RE = /^[A-Za-z][A-Za-z0-9_.-]{2,39}$/;

export function usernameRule(t: Translate): Rule {
  return { pattern: USERNAME_RE, message: t('field.usernameInvalid') };
}

/** A random password that satisfies the rule (for an administrator's temporary passwords). */
export function randomPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];
  const bytes = new Uint32Array(14);
  crypto.getRandomValues(bytes);
  const chars = Array.from(bytes, (b, i) => {
    const set = sets[i % sets.length] ?? sets[0]!;
    return set.charAt(b % set.length);
  });
  return chars.join('');
}
