/** Values of the recycling module that server and web share. */

/** 分拣中心, 回收站, 智能回收设施, 大件废弃家具定点转运. */
export const RECYCLING_SITE_KINDS = ['sorting_centre', 'station', 'smart_device', 'bulky_transfer'] as const;
export type RecyclingSiteKind = (typeof RECYCLING_SITE_KINDS)[number];

/** A site's life: planned → under construction → operating ⇄ suspended → closed; banned (取缔) ends it after an inspection. */
export const RECYCLING_SITE_STATUSES = ['planned', 'under_construction', 'operating', 'suspended', 'closed', 'banned'] as const;
export type RecyclingSiteStatus = (typeof RECYCLING_SITE_STATUSES)[number];

/** How the site came to be: what the plan counts as 新改扩建 is new, rebuilt or expanded, completed since the plan began. */
export const RECYCLING_SITE_ORIGINS = ['existing', 'new', 'rebuilt', 'expanded'] as const;
export type RecyclingSiteOrigin = (typeof RECYCLING_SITE_ORIGINS)[number];

export const FIRE_SAFETY_STATUSES = ['unknown', 'compliant', 'rectifying', 'unsafe'] as const;
export type FireSafetyStatus = (typeof FIRE_SAFETY_STATUSES)[number];

export const STANDARDISATION_STATUSES = ['not_assessed', 'in_progress', 'standardised', 'not_standardised'] as const;
export type StandardisationStatus = (typeof STANDARDISATION_STATUSES)[number];

/**
 * What a resident can book a pickup for. The appliance and digital codes are the trade-in categories (a
 * certificate's category is matched against a voucher's), the furniture codes go to the bulky-furniture transfer points.
 */
export const RECYCLING_APPLIANCE_CATEGORIES = [
  'refrigerator',
  'washing_machine',
  'television',
  'air_conditioner',
  'computer',
  'water_heater',
  'kitchen_stove',
  'range_hood',
  'microwave_oven',
  'water_purifier',
  'dishwasher',
  'rice_cooker',
  'mobile_phone',
  'tablet',
  'smart_watch_band',
] as const;
export const RECYCLING_FURNITURE_CATEGORIES = ['sofa', 'mattress', 'bed', 'wardrobe', 'table_chair', 'other_furniture'] as const;
export const RECYCLING_CATEGORIES = [...RECYCLING_APPLIANCE_CATEGORIES, ...RECYCLING_FURNITURE_CATEGORIES] as const;
export type RecyclingCategory = (typeof RECYCLING_CATEGORIES)[number];
/** Devices that hold personal data: handed in only with a data-wiping record (防范用户信息泄露及恶意恢复). */
export const DATA_BEARING_CATEGORIES: readonly RecyclingCategory[] = ['computer', 'mobile_phone', 'tablet', 'smart_watch_band'];
export const isFurniture = (c: string) => (RECYCLING_FURNITURE_CATEGORIES as readonly string[]).includes(c);

/** A pickup booking's life; rescheduling keeps the status, a no-show may be booked again. */
export const PICKUP_STATUSES = ['booked', 'accepted', 'completed', 'confirmed', 'disputed', 'cancelled', 'no_show'] as const;
export type PickupStatus = (typeof PICKUP_STATUSES)[number];
export const DATA_WIPE_METHODS = ['factory_reset', 'overwrite', 'degauss', 'physical_destruction'] as const;
export type DataWipeMethod = (typeof DATA_WIPE_METHODS)[number];
