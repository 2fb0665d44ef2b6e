import type { Config } from '../config.js';
import type { LocalisedText } from '../../shared/i18n/messages.js';

/**
 * System parameters: values that were constants in code and that may change while the system runs
 * (a session's idle time-out, the sign-in lockout, how early managers hear a programme is ending). Only values
 * safe to change at run time belong here — nothing a schema, an index or a stored record depends on (the
 * largest page size is not one). Security parameters (`security`) are the security administrator's, the others
 * the office's. A module declares its own in its contract (`parameters`, keys `<module>.…`);
 * the platform keeps the overrides (`system_parameters`), validates and audits every change, and services read
 * them through `deps.parameters`.
 */
export type ParameterValue = number | boolean | string;

interface ParameterBase<V> {
  /** `<module>.<name>`, unique across the modules. */
  key: string;
  label: LocalisedText;
  description: LocalisedText;
  /** The value when nobody changed it; a function of the configuration when the environment may set it. */
  default: V | ((config: Config) => V);
  /**
   * Pages read it too (`GET /api/parameters/for-pages`, any signed-in user), so that what a page shows agrees with
   * what the server decides — which programmes are 'ending soon'. Only values nobody needs to keep secret.
   */
  readByPages?: true;
  /**
   * A security parameter (等保2.0 identity and access control: time-outs, lockout): set only by the security
   * administrator (三员分立). Every other parameter is business and set by the work team office.
   */
  security?: true;
}

export interface IntegerParameter extends ParameterBase<number> {
  type: 'integer';
  min: number;
  max: number;
  /** Shown after the number (次 / times). */
  unit?: LocalisedText;
}

/** A whole number of minutes. */
export interface DurationParameter extends ParameterBase<number> {
  type: 'duration';
  min: number;
  max: number;
}

export interface BooleanParameter extends ParameterBase<boolean> {
  type: 'boolean';
}

export interface EnumParameter extends ParameterBase<string> {
  type: 'enum';
  values: readonly { value: string; label: LocalisedText }[];
}

export type ParameterDefinition = IntegerParameter | DurationParameter | BooleanParameter | EnumParameter;

/** A definition with the module that declared it. */
export type RegisteredParameter = ParameterDefinition & { module: string };

/**
 * The type of each parameter's value, by key: a module that declares parameters adds them here by declaration
 * merging (as messages do), so `deps.parameters.get('platform.sessionIdleMinutes')` is a number.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ParameterValues {}

export type ParameterKey = keyof ParameterValues & string;

/**
 * Reads the current values: the override when there is a valid one, the default otherwise. Cached per process
 * and reloaded after a short time (several processes see a change within `ttlMs`); a write through this process
 * clears its cache at once.
 */
export interface ParameterReader {
  readonly definitions: readonly RegisteredParameter[];
  readonly ttlMs: number;
  get<K extends ParameterKey>(key: K): Promise<ParameterValues[K]>;
  /** The default of one parameter in this installation (its configuration applied). */
  defaultOf(definition: ParameterDefinition): ParameterValue;
  /**
   * Reads the stored values again and waits for them: after a write through this process (so it is seen at once),
   * and before the app serves. Never inside a transaction (on SQLite it would wait for that transaction).
   */
  refresh(): Promise<void>;
}

/** Why a value does not fit a definition (a message key and its parameters), or null when it fits. */
export function parameterProblem(
  def: ParameterDefinition,
  value: unknown,
): {
  reason: 'field.parameter.integer' | 'field.parameter.range' | 'field.parameter.boolean' | 'field.invalid_value';
  params?: Record<string, unknown>;
} | null {
  switch (def.type) {
    case 'integer':
    case 'duration':
      if (typeof value !== 'number' || !Number.isInteger(value)) return { reason: 'field.parameter.integer' };
      return value < def.min || value > def.max ? { reason: 'field.parameter.range', params: { min: def.min, max: def.max } } : null;
    case 'boolean':
      return typeof value === 'boolean' ? null : { reason: 'field.parameter.boolean' };
    case 'enum':
      return typeof value === 'string' && def.values.some((v) => v.value === value)
        ? null
        : { reason: 'field.invalid_value', params: { values: def.values.map((v) => v.value).join(', ') } };
  }
}
