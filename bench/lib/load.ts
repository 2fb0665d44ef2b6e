/** Reading an autocannon run the same way in every benchmark. */
import type { Result } from 'autocannon';

/** Successful requests per second over the run. */
export const perSec = (r: Result) => Math.round(r['2xx'] / r.duration);

/** One line for stderr: how many succeeded and failed, and the latency percentiles autocannon reports. */
export const describeRun = (name: string, r: Result) =>
  `${name}: ${r['2xx']} × 2xx, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts; p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, p99 ${r.latency.p99} ms`;
