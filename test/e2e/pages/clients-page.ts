// Page object: the clients screen and its form.
import type { Locator, Page } from '@playwright/test';

export class ClientsPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Clients' });
  }

  search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search clients' });
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Clients' });
  }

  row(name: string): Locator {
    return this.table().getByRole('row').filter({ hasText: name });
  }

  async newClient(): Promise<ClientForm> {
    await this.page.getByRole('button', { name: 'New client' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'New client' });
    await dialog.waitFor();
    return new ClientForm(dialog);
  }
}

export class ClientForm {
  constructor(readonly root: Locator) {}

  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: true });
  }

  async fill(values: Partial<Record<'Name' | 'Contact name' | 'Billing email' | 'Phone' | 'City' | 'Country' | 'Tax id' | 'Notes', string>>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value ?? '');
  }

  async select(label: 'Currency' | 'Time zone' | 'Status', value: string): Promise<void> {
    await this.field(label).selectOption(value);
  }

  async save(): Promise<void> {
    await this.root.getByRole('button', { name: 'Save client' }).click();
  }
}
