import type { Page } from 'playwright-core';

/** Steps of the plan's pages that several browser tests walk through. */

export async function orderStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="page-plan-order"][data-status="${status}"]`).waitFor();
}

/** A unit fills in and submits its report on an indicator from its workspace; returns the report's path. */
export async function reportFromWorkspace(page: Page, indicatorCode: string, value: string, narrative: string): Promise<string> {
  await page.goto('/plan/workspace');
  await page.getByTestId('due-table').waitFor();
  await page.getByTestId(`fill-${indicatorCode}`).first().click();
  await page.getByTestId('report-form').waitFor();
  await page.locator('input[data-testid="report-value"], [data-testid="report-value"] input').first().fill(value);
  await page.getByTestId('report-narrative').fill(narrative);
  await page.getByTestId('report-submit').click();
  await page.locator('[data-testid="page-plan-report"][data-status="submitted"]').waitFor();
  return new URL(page.url()).pathname;
}

/** The office accepts a submitted report. */
export async function acceptReport(page: Page, reportPath: string): Promise<void> {
  await page.goto(reportPath);
  await page.getByTestId('report-accept').click();
  await page.getByTestId('accept-ok').click();
  await page.locator('[data-testid="page-plan-report"][data-status="accepted"]').waitFor();
}

/** The office opens the reporting period the dialog offers (last month) for a plan. */
export async function openLastMonth(page: Page, period: string, planId?: number): Promise<void> {
  await page.goto(planId ? `/plan/reports?planId=${planId}` : '/plan/reports');
  await page.getByTestId('period-open').click();
  await page.getByTestId('period-open-ok').click();
  await page.locator('[data-testid="period-table"] tr', { hasText: period }).waitFor();
}
