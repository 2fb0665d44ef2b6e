import type { Locale } from '../../shared/roles';

/** One text in every language the app speaks, side by side, so that no key can lack a translation. */
export type Text = Readonly<Record<Locale, string>>;

/** A catalogue: message key → its text in each language. Modules declare theirs `satisfies Messages`. */
export type Messages = Readonly<Record<string, Text>>;
