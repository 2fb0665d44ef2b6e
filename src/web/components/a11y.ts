/**
 * Accessible names and keyboard reach that antd leaves out, filled in for the whole app at once (axe-core's
 * `label`, `scrollable-region-focusable` and `aria-progressbar-name` rules; test/browser/accessibility.browser.test.ts).
 *
 * - A form control with no label (a filter box, a select in a toolbar, a row's inline field) is named by what the
 *   user sees in it: its placeholder (antd Select and the pickers show theirs in a separate element), else the
 *   label of its Form.Item, else the value a select holds, else the column header of the table cell it sits in. A page that gives a label or an
 *   aria-label keeps its own.
 * - A table that scrolls sideways (the phone layout) can be scrolled from the keyboard: its scroll box takes focus.
 * - A progress bar is named by the text next to it (antd gives it role="progressbar" and no name).
 * - A tab bar's tablist role moves to the element that holds only the tabs (not the overflow button).
 *
 * It watches the document (one pass per animation frame while something changes), so pages need do nothing.
 */
const CONTROLS = 'input:not([type="hidden"]):not([aria-hidden="true"]), textarea, [role="combobox"]';

function hasName(el: HTMLElement): boolean {
  if (el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby') || el.getAttribute('title')) return true;
  const labels = (el as HTMLInputElement).labels;
  return !!labels && Array.from(labels).some((l) => (l.textContent ?? '').trim() !== '');
}

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** What the control shows as its purpose, or '' when nothing on screen says it. */
function visibleName(el: HTMLElement): string {
  const placeholder = el.getAttribute('placeholder')?.trim();
  if (placeholder) return placeholder;
  const select = el.closest('.ant-select, .ant-picker, .ant-cascader');
  const shown = select?.querySelector('.ant-select-placeholder, .ant-select-selection-placeholder');
  const fromSelect = text(shown) || select?.querySelector('input[placeholder]')?.getAttribute('placeholder')?.trim();
  if (fromSelect) return fromSelect;
  const label = text(el.closest('.ant-form-item')?.querySelector('.ant-form-item-label label'));
  if (label) return label;
  // A select with a value and no placeholder: what it holds says what it is for (a town, a year).
  const item = select?.querySelector('.ant-select-selection-item, .ant-select-content-value') ?? select?.querySelector('.ant-select-content');
  const value = item?.getAttribute('title')?.trim() || text(item);
  if (value) return value;
  const cell = el.closest('td');
  const table = cell?.closest('table');
  if (cell && table) {
    const header = table.closest('.ant-table')?.querySelectorAll('thead th')[(cell as HTMLTableCellElement).cellIndex];
    if (text(header)) return text(header);
  }
  return '';
}

function pass(root: ParentNode): void {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>(CONTROLS))) {
    if (hasName(el)) continue;
    const name = visibleName(el);
    if (name) el.setAttribute('aria-label', name);
  }
  for (const box of Array.from(root.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body'))) {
    if (!box.hasAttribute('tabindex') && box.scrollWidth > box.clientWidth) box.setAttribute('tabindex', '0');
  }
  // antd puts role="tablist" on the whole tab bar, whose overflow "more" button and extra content are not tabs:
  // the role goes to the list that holds only the tabs.
  for (const nav of Array.from(root.querySelectorAll<HTMLElement>('.ant-tabs-nav[role="tablist"]'))) {
    const list = nav.querySelector<HTMLElement>(':scope > .ant-tabs-nav-wrap > .ant-tabs-nav-list');
    if (!list) continue;
    list.setAttribute('role', 'tablist');
    list.setAttribute('aria-orientation', nav.getAttribute('aria-orientation') ?? 'horizontal');
    nav.removeAttribute('role');
    nav.removeAttribute('aria-orientation');
  }
  for (const bar of Array.from(root.querySelectorAll<HTMLElement>('[role="progressbar"]'))) {
    if (hasName(bar)) continue;
    const name = text(bar.closest('.ant-progress')?.querySelector('.ant-progress-text')) || bar.getAttribute('aria-valuenow');
    if (name) bar.setAttribute('aria-label', name);
  }
}

export function installAccessibleNames(root: HTMLElement = document.body): () => void {
  let scheduled = false;
  const run = () => {
    scheduled = false;
    pass(root);
  };
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(run);
  });
  observer.observe(root, { childList: true, subtree: true });
  // A table becomes scrollable when the window narrows, with no change to the document.
  const onResize = () => pass(root);
  window.addEventListener('resize', onResize);
  pass(root);
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', onResize);
  };
}
