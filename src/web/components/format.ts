import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Times are stored in UTC and shown in China Standard Time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss') : iso;
}

/** Down to the minute, for busy tables. */
export function formatMinute(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(TIME_ZONE).format('YYYY-MM-DD HH:mm') : iso;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(TIME_ZONE).format('YYYY-MM-DD') : iso;
}

/** A browser user agent cut down to something readable in a table cell. */
export function shortUserAgent(ua: string | null | undefined): string {
  if (!ua) return '—';
  const browser = /(Edg|Chrome|Chromium|Firefox|Safari|MicroMessenger)\/([\d.]+)/.exec(ua);
  const os = /(Windows NT [\d.]+|Android [\d.]+|iPhone OS [\d_]+|Mac OS X [\d_]+|Linux)/.exec(ua);
  if (!browser) return ua.length > 40 ? `${ua.slice(0, 40)}…` : ua;
  return `${browser[1]} ${browser[2]?.split('.')[0] ?? ''}${os ? ` · ${os[1]?.replace(/_/g, '.')}` : ''}`;
}

/** Today's date in Asia/Shanghai (YYYY-MM-DD), the calendar every window and deadline of the platform uses. */
export function todayInShanghai(now: Date = new Date()): string {
  return dayjs(now).tz(TIME_ZONE).format('YYYY-MM-DD');
}

/** Now on the Shanghai wall clock, for "this month", "today" and "end of today" in pickers, whatever the browser's zone. */
export function shanghaiNow(): dayjs.Dayjs {
  return dayjs().tz(TIME_ZONE);
}

/** A file size as people read it: B, KB, MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
