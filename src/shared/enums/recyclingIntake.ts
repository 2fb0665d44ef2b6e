/** Values of the recycling module's intake records and reverse invoices that server and web share. */

/**
 * What a site takes in (再生资源): waste textiles, plastics, steel, non-ferrous metals, paper, waste household
 * appliances (by units, with their category) and vehicles — which are taken in through the scrapped-vehicle
 * one-stop (报废机动车回收), not here.
 */
export const INTAKE_MATERIALS = ['textiles', 'plastics', 'steel', 'non_ferrous', 'paper', 'appliances', 'vehicles'] as const;
export type IntakeMaterial = (typeof INTAKE_MATERIALS)[number];

/** Appliances are counted in units; every other material by weight. */
export const isUnitMaterial = (m: IntakeMaterial) => m === 'appliances';
/** Metals that, bought from an enterprise, may be production scrap (生产性废旧金属) with its identity record. */
export const SCRAP_METALS: readonly IntakeMaterial[] = ['steel', 'non_ferrous'];

/** Who sold it: an individual (自然人, reverse-invoiced) or an enterprise (with its unified credit code). */
export const INTAKE_SOURCES = ['individual', 'enterprise'] as const;
export type IntakeSource = (typeof INTAKE_SOURCES)[number];

export const INTAKE_STATUSES = ['recorded', 'void'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export const REVERSE_INVOICE_STATUSES = ['issued', 'void'] as const;
export type ReverseInvoiceStatus = (typeof REVERSE_INVOICE_STATUSES)[number];

/** The list's sort keys. */
export const INTAKE_SORTS = ['takenInOn', 'priceFen', 'createdAt'] as const;
