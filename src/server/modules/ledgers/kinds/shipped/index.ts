import { buildingRetrofits, elevators, sewagePlants, transferStations, waterPlants } from './cityInfrastructure.js';
import { cameras, gasPipelines } from './lifelines.js';
import { medicalImaging, schoolEquipment, tourismEquipment } from './publicServices.js';
import { buses, dieselTrucks, farmMachinery, fishingBoats } from './transport.js';
import type { ShippedKind } from './types.js';

export type { ShippedKind };

/** The ledger kinds the platform ships, one per asset the plan's 二(一)4–12 counts, in the plan's order. */
export const SHIPPED_KINDS: readonly ShippedKind[] = [
  elevators,
  waterPlants,
  sewagePlants,
  transferStations,
  buildingRetrofits,
  gasPipelines,
  cameras,
  buses,
  dieselTrucks,
  fishingBoats,
  farmMachinery,
  schoolEquipment,
  tourismEquipment,
  medicalImaging,
];
