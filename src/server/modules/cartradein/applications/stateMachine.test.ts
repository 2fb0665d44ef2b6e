import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { CAR_APPLICATION_STATUSES, type CarApplicationStatus } from '../tables.js';
import { CAR_TRANSITIONS, canTransition, nextStatus, type CarTransition } from './stateMachine.js';

/** The legal moves, written out once more by hand: any other (action, status) pair must be a 409 INVALID_STATE. */
const LEGAL: Record<string, CarApplicationStatus> = {
  'resubmit:returned': 'submitted',
  'approve:submitted': 'approved',
  'return:submitted': 'returned',
  'reject:submitted': 'rejected',
  'reject:returned': 'rejected',
  'addToBatch:approved': 'in_payment',
  'cancelBatch:in_payment': 'approved',
  'markPaid:in_payment': 'paid',
};

describe('car application state machine', () => {
  const actions = Object.keys(CAR_TRANSITIONS) as CarTransition[];
  for (const action of actions)
    for (const from of CAR_APPLICATION_STATUSES) {
      const key = `${action}:${from}`;
      it(`${key} → ${LEGAL[key] ?? '409 INVALID_STATE'}`, () => {
        if (LEGAL[key]) {
          expect(nextStatus(action, from)).toBe(LEGAL[key]);
          expect(canTransition(action, from)).toBe(true);
        } else {
          expect(canTransition(action, from)).toBe(false);
          try {
            nextStatus(action, from);
            expect.fail('an illegal move was allowed');
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect(e).toMatchObject({ status: 409, code: 'INVALID_STATE', params: { state: from } });
          }
        }
      });
    }

  it('rejected and paid are final', () => {
    for (const action of actions) {
      expect(canTransition(action, 'rejected')).toBe(false);
      expect(canTransition(action, 'paid')).toBe(false);
    }
  });
});
