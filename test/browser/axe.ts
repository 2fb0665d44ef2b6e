/**
 * axe-core and a phone-overflow check for the browser tests: inject the engine into a page, run it over the
 * whole document, and keep the serious and critical findings with the elements they name; measure what sticks
 * out of a narrow viewport (outside the scroll containers that are meant to scroll, such as antd tables').
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
/** The engine's source, read once (about 550 kB) and injected as a script into each new document. */
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Finding {
  rule: string;
  impact: string;
  help: string;
  /** The CSS selectors of the offending elements (at most 20), and what axe says of each. */
  targets: string[];
  summaries: string[];
}

/**
 * Injects axe into the current document unless it is already there (a client-side navigation keeps it). Evaluated
 * through the debugging protocol, not as a <script> tag: the app's Content-Security-Policy (script-src 'self')
 * refuses inline scripts, as it should.
 */
export async function injectAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
}

/** The serious and critical violations axe finds in the document as it is now. */
export async function seriousViolations(page: Page): Promise<Finding[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    type AxeNode = { target: unknown[]; failureSummary?: string };
    type AxeResult = { id: string; impact?: string | null; help: string; nodes: AxeNode[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.slice(0, 20).map((n) => n.target.map(String).join(' > ')),
        summaries: v.nodes.slice(0, 20).map((n) => (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)),
      }));
  });
}

export interface Overflow {
  /** document.documentElement.scrollWidth − innerWidth (px). */
  pageOverflow: number;
  /** Elements wider than the viewport (or past its right edge) that no scroll container holds. */
  offenders: { selector: string; right: number; width: number }[];
}

/**
 * What sticks out of the viewport horizontally. An element counts when its box passes the viewport's right edge by
 * more than 1 px and no ancestor scrolls or clips it horizontally (overflow-x auto, scroll, hidden or clip — antd
 * tables' .ant-table-content, tab bars). The innermost such elements are named: they are what pushes the rest.
 */
export async function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const pageOverflow = document.documentElement.scrollWidth - vw;
    const clips = (el: Element) => {
      const o = getComputedStyle(el).overflowX;
      return o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip';
    };
    const describe = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const testId = e.getAttribute('data-testid');
        if (testId) {
          parts.unshift(`[data-testid="${testId}"]`);
          break;
        }
        const cls = Array.from(e.classList)
          .filter((c) => !/^css-/.test(c))
          .slice(0, 2)
          .join('.');
        parts.unshift(`${e.tagName.toLowerCase()}${cls ? `.${cls}` : ''}`);
      }
      return parts.join(' > ');
    };
    const offenders: { selector: string; right: number; width: number }[] = [];
    // Returns whether `el` or something in it sticks out; names the innermost elements that do (the causes).
    const walk = (el: Element): boolean => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || style.position === 'fixed') return false;
      const box = el.getBoundingClientRect();
      const out = box.width > 0 && box.right > vw + 1;
      // What a scroll container holds may be as wide as it likes.
      let inner = false;
      if (!(clips(el) && el !== document.body)) for (const child of Array.from(el.children)) inner = walk(child) || inner;
      if (out && !inner) offenders.push({ selector: describe(el), right: Math.round(box.right), width: Math.round(box.width) });
      return out || inner;
    };
    walk(document.body);
    return { pageOverflow, offenders: offenders.slice(0, 10) };
  });
}
