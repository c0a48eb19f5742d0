// Page object: first launch (welcome and agency setup).
import type { Page } from '@playwright/test';

export class WelcomePage {
  constructor(readonly page: Page) {}

  async startEmpty(agency: { name: string; currency: string; timeZone: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Start empty' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Set up your agency' }).waitFor();
    await this.page.getByLabel('Agency name', { exact: true }).fill(agency.name);
    await this.page.getByLabel('Currency', { exact: true }).selectOption(agency.currency);
    await this.page.getByLabel('Time zone', { exact: true }).selectOption(agency.timeZone);
    await this.page.getByRole('button', { name: 'Save and continue' }).click();
  }

  /** The walkthrough after the agency profile (provider account, client, plan): leave it for later. */
  async finishSetupLater(): Promise<void> {
    await this.page.getByRole('list', { name: 'Setup steps' }).waitFor();
    await this.page.getByRole('button', { name: 'Finish later' }).click();
  }

  async loadDemo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Load demo agency' }).click();
  }
}
