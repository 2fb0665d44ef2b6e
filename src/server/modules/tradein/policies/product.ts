import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { isSupervisor, type Grants } from '../../platform/grants/policy.js';
import { isOwnBusiness } from './common.js';

export interface ProductRecord {
  grants?: Grants;
  organization_id?: number;
}

const own = (a: Actor, r?: ProductRecord) => isOwnBusiness(a, r?.organization_id === undefined ? undefined : { organization_id: r.organization_id });

/** A merchant keeps its own catalogue; supervisors read every catalogue. */
export const productPolicy = definePolicy<ProductRecord, 'list' | 'create' | 'update'>('tradein_product', {
  list: (a, r) => own(a, r) || isSupervisor(a, r?.grants ? { grants: r.grants } : undefined),
  create: own,
  update: own,
});
