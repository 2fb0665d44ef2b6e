const DEVICE_KEY = 'hx_device_id';

/**
 * A random id of this browser, kept across visits. The trade-in till and resident claims send it (X-Device-Id) so
 * that risk control can link accounts used on one device; null where storage is unavailable (private mode).
 */
export function deviceId(): string | null {
  try {
    let id = window.localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = crypto.randomUUID();
      window.localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return null;
  }
}
