import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { accountsIdentifiedBy, recordUserIdentifiers, replaceUserIdentifier } from './identifiers.js';

const first17 = '35058220010707246';
const REGISTRATION = { mobile: '13970707246', password: 'Resident#2024x', realName: '林晓', idNumber: first17 + computeCitizenIdCheckChar(first17) };

describe('account identifiers, unique by their own value', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const identifiersOf = (userId: number) =>
    t.deps.database.db.selectFrom('user_identifiers').select(['kind', 'value']).where('user_id', '=', userId).orderBy('kind').execute();

  it('every account has its username recorded, and a registered resident its mobile and ID number too', async () => {
    const db = t.deps.database.db;
    const accounts = await db.selectFrom('users').select(['id', 'username']).execute();
    const usernames = await db.selectFrom('user_identifiers').select(['user_id', 'value']).where('kind', '=', 'username').execute();
    expect(new Map(usernames.map((u) => [Number(u.user_id), u.value]))).toEqual(new Map(accounts.map((a) => [Number(a.id), a.username])));

    const res = await t.anonymous.post('/api/auth/register/resident', REGISTRATION);
    expect(res.statusCode, res.body).toBe(201);
    const user = await db.selectFrom('users').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(await identifiersOf(Number(user.id))).toEqual([
      { kind: 'id_number', value: user.id_number_hash },
      { kind: 'mobile', value: user.mobile_hash },
      { kind: 'username', value: user.username },
    ]);
  });

  it('refuses a second account with a username, mobile or ID number already recorded, and frees a replaced one', async () => {
    const db = t.deps.database.db;
    const [first, second] = await db.selectFrom('users').select(['id', 'username', 'mobile_hash']).orderBy('id').limit(2).execute();
    const taken = (ids: Parameters<typeof recordUserIdentifiers>[1]) =>
      recordUserIdentifiers(db, ids).then(
        () => 'recorded',
        (err: unknown) => (isUniqueViolation(err) ? 'refused' : err),
      );
    expect(await taken([{ userId: Number(second!.id), username: first!.username, mobileHash: null, idNumberHash: null }])).toBe('refused');
    await replaceUserIdentifier(db, Number(first!.id), 'mobile', 'hash-of-a-mobile');
    expect(await taken([{ userId: 999_001, username: 'someone_new', mobileHash: 'hash-of-a-mobile', idNumberHash: null }])).toBe('refused');
    // Nothing of the refused account was recorded (one statement: all its identifiers or none).
    expect(await identifiersOf(999_001)).toEqual([]);
    await replaceUserIdentifier(db, Number(first!.id), 'mobile', null);
    expect(await taken([{ userId: 999_001, username: 'someone_new', mobileHash: 'hash-of-a-mobile', idNumberHash: null }])).toBe('recorded');
  });

  it('sign-in and registration find accounts through their identifiers alone', async () => {
    const db = t.deps.database.db;
    const resident = await db.selectFrom('users').selectAll().where('mobile_hash', '=', t.deps.sealer.lookup(REGISTRATION.mobile)).executeTakeFirstOrThrow();
    expect(
      await accountsIdentifiedBy(db, [
        { kind: 'mobile', value: resident.mobile_hash! },
        { kind: 'username', value: 'nobody_here' },
      ]),
    ).toEqual([{ kind: 'mobile', userId: Number(resident.id) }]);
    // The resident signs in with the mobile number: the identifier names the account.
    await t.login(REGISTRATION.mobile, REGISTRATION.password);
    // Without its identifier an account is not found, by sign-in or by the checks before a new account.
    await replaceUserIdentifier(db, Number(resident.id), 'mobile', null);
    const res = await t.anonymous.post('/api/auth/login', { username: REGISTRATION.mobile, password: REGISTRATION.password });
    expect(res.statusCode).toBe(401);
    await replaceUserIdentifier(db, Number(resident.id), 'mobile', resident.mobile_hash);
    const otherId = '35058219991212121';
    const again = await t.anonymous.post('/api/auth/register/resident', { ...REGISTRATION, idNumber: otherId + computeCitizenIdCheckChar(otherId) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.map((d: { field: string }) => d.field)).toEqual(['mobile']);
  });
});
