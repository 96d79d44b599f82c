import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';

/** Debian's build: playwright cannot download its own browser on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: npm test installs Debian's (apt-get install chromium), or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
}

export interface ShownRow {
  readonly key: string;
  readonly cells: string[];
}

/** The dashboard as a reader sees it: the text of its figures and tables. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async figures(): Promise<Record<string, string>> {
    const shown: Record<string, string> = {};
    for (const figure of await this.page.locator('[data-figure]').all()) {
      shown[(await figure.getAttribute('data-figure'))!] = (await figure.textContent()) ?? '';
    }
    return shown;
  }

  /** Rows of the table inside `selector`, keyed by their data-key, cells as text. */
  async table(selector: string): Promise<ShownRow[]> {
    const rows: ShownRow[] = [];
    for (const row of await this.page.locator(`${selector} tbody tr`).all()) {
      const key = (await row.getAttribute('data-key')) ?? '';
      rows.push({ key, cells: await row.locator('th, td').allTextContents() });
    }
    return rows;
  }

  /** Steps of one qualification in the learner journey: name → [state, detail]. */
  async steps(qualification: string): Promise<Record<string, [string, string]>> {
    const steps: Record<string, [string, string]> = {};
    for (const step of await this.page
      .locator(`[data-qualification="${qualification}"] .step`)
      .all()) {
      steps[(await step.getAttribute('data-step'))!] = [
        (await step.locator('.step-state').textContent()) ?? '',
        (await step.locator('.step-detail').textContent()) ?? '',
      ];
    }
    return steps;
  }

  /** Test code has no DOM types: the page's state is read through expressions. */
  async activeId(): Promise<string> {
    return String(await this.page.evaluate("document.activeElement?.id ?? ''"));
  }

  /** Presses Tab until the element with this id has focus: it must be reachable by keyboard. */
  async tabTo(id: string, presses = 60): Promise<void> {
    for (let i = 0; i < presses; i++) {
      if ((await this.activeId()) === id) return;
      await this.page.keyboard.press('Tab');
    }
    throw new Error(`#${id} never took the focus in ${presses} presses of Tab`);
  }
}

/** "1,234" → 1234 */
export function shownCount(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** The API's rate as the page must show it: a percentage with one decimal. */
export function asPercent(rate: number | null): string {
  return rate === null ? 'none assessed' : `${(rate * 100).toFixed(1)}%`;
}
