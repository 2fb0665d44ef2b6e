import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { createSignedInResidents } from '../testing/residents.js';
import type * as VoucherCodes from './voucherCode.js';

// The next codes the claim batch draws can be chosen: the first drawn code of a test is one already taken.
const drawn = vi.hoisted(() => ({ next: [] as string[] }));
vi.mock('./voucherCode.js', async (original) => {
  const actual = await original<typeof VoucherCodes>();
  return { ...actual, generateVoucherCode: () => drawn.next.shift() ?? actual.generateVoucherCode() };
});

useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('voucher codes, unique across holders through tradein_voucher_codes', () => {
  let t: TestApp;
  let manager: TestClient;
  let programId: number;
  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.login('demo_department');
    const programs = (await manager.get('/api/tradein/programs')).json();
    programId = programs.find((p: { code: string }) => p.code === 'appliance-national-2025').id;
  });
  afterAll(() => t.close());

  const openPool = async (category: string) => {
    const hour = 3600_000;
    const res = await manager.post(`/api/tradein/programs/${programId}/pools`, {
      category,
      quota: 10,
      opensAt: new Date(Date.now() - hour).toISOString(),
      closesAt: new Date(Date.now() + 2 * hour).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };

  const claim = async (poolId: number) => {
    const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
    const res = await t.app.inject({ method: 'POST', url: `/api/tradein/pools/${poolId}/claims`, headers: { cookie: r!.cookie, 'x-csrf-token': r!.csrf } });
    expect(res.statusCode, res.body).toBe(201);
    return { userId: r!.userId, voucher: res.json().voucher as { id: number; code: string } };
  };

  it('records every issued code with its holder and voucher', async () => {
    const poolId = await openPool('refrigerator');
    const { userId, voucher } = await claim(poolId);
    const row = await t.deps.database.db.selectFrom('tradein_voucher_codes').selectAll().where('voucher_id', '=', voucher.id).executeTakeFirstOrThrow();
    expect({ code: row.code, holder: Number(row.holder_user_id) }).toEqual({ code: voucher.code.replace(/-/g, ''), holder: userId });
  });

  it('a drawn code another holder already has is drawn again: the claim succeeds with a new code', async () => {
    const poolId = await openPool('television');
    const first = await claim(poolId);
    const taken = first.voucher.code.replace(/-/g, '');
    drawn.next.push(taken);
    const second = await claim(poolId);
    expect(second.voucher.code.replace(/-/g, '')).not.toBe(taken);
    const holders = await t.deps.database.db.selectFrom('tradein_voucher_codes').select('holder_user_id').where('code', '=', taken).execute();
    expect(holders.map((h) => Number(h.holder_user_id))).toEqual([first.userId]);
  });
});
