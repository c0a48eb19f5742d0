import { describe, expect, it } from 'vitest';
import type { OutboxItem, RemoteInvoice } from '../../../../shared/domain/stripe';
import { StripeConnectInput } from '../../../../shared/domain/stripe';
import {
  checkStripeKey,
  dashboardCustomerUrl,
  dashboardInvoiceUrl,
  disconnectText,
  modeBadge,
  notPushedText,
  parseCustomerLookup,
  queuedText,
  remoteState,
  syncResultText,
  webUrl,
} from './stripe-model';

describe('checkStripeKey', () => {
  it('accepts secret and restricted keys, test and live, trimmed', () => {
    expect(checkStripeKey('  sk_test_51FakeMeterbookTestKey0000 \n')).toEqual({ ok: true, key: 'sk_test_51FakeMeterbookTestKey0000', restricted: false, live: false });
    expect(checkStripeKey('rk_live_abcdEFGH1234')).toEqual({ ok: true, key: 'rk_live_abcdEFGH1234', restricted: true, live: true });
  });

  it('names the usual mistakes', () => {
    expect(checkStripeKey('')).toMatchObject({ ok: false, message: expect.stringMatching(/^Paste a Stripe secret key/) });
    expect(checkStripeKey('pk_test_abcdefgh1234')).toMatchObject({ ok: false, message: expect.stringMatching(/publishable key/) });
    expect(checkStripeKey('whsec_abcdefgh1234')).toMatchObject({ ok: false, message: expect.stringMatching(/webhook signing secret/) });
    expect(checkStripeKey('sk_test_abcd efgh1234')).toMatchObject({ ok: false, message: expect.stringMatching(/space or line break/) });
    expect(checkStripeKey('sk_test_short')).toMatchObject({ ok: false, message: expect.stringMatching(/starts with sk_test_/) });
  });

  it('agrees with the contract on what is a key', () => {
    for (const key of ['sk_test_51FakeMeterbookTestKey0000', 'rk_live_abcdEFGH1234', 'sk_test_short', 'sk_prod_abcdefgh1234', 'sk_test_abc-defgh1234']) {
      expect(checkStripeKey(key).ok, key).toBe(StripeConnectInput.safeParse({ apiKey: key }).success);
    }
  });
});

describe('badges and links', () => {
  it('shows live in the warning colour', () => {
    expect(modeBadge(true)).toMatchObject({ label: 'LIVE', tone: 'warning' });
    expect(modeBadge(false)).toMatchObject({ label: 'TEST', tone: 'info' });
    expect(modeBadge(null)).toBeNull();
  });

  it('links the dashboard in the right mode', () => {
    expect(dashboardCustomerUrl('cus_123', false)).toBe('https://dashboard.stripe.com/test/customers/cus_123');
    expect(dashboardCustomerUrl('cus_123', true)).toBe('https://dashboard.stripe.com/customers/cus_123');
    expect(dashboardInvoiceUrl('in_9', true)).toBe('https://dashboard.stripe.com/invoices/in_9');
    expect(dashboardInvoiceUrl('cn_9', false)).toBe('https://dashboard.stripe.com/test/credit_notes/cn_9');
  });

  it('only links web addresses', () => {
    expect(webUrl('https://invoice.stripe.com/i/acct_1/x')).toBe('https://invoice.stripe.com/i/acct_1/x');
    expect(webUrl('javascript:alert(1)')).toBeNull();
    expect(webUrl('not a url')).toBeNull();
    expect(webUrl(null)).toBeNull();
  });
});

describe('syncResultText', () => {
  const none = { sent: 0, failed: 0, pending: 0, paid: 0, message: null };
  it('says what happened', () => {
    expect(syncResultText(none)).toEqual({ tone: 'success', text: 'Nothing to send: Stripe is up to date.' });
    expect(syncResultText({ ...none, sent: 2, paid: 1 })).toEqual({ tone: 'success', text: '2 changes sent, 1 invoice marked paid.' });
    expect(syncResultText({ ...none, sent: 1, failed: 1 })).toEqual({ tone: 'error', text: '1 change sent, 1 change refused by Stripe.' });
    expect(syncResultText({ ...none, failed: 2 })).toEqual({ tone: 'error', text: '2 changes refused by Stripe.' });
  });
  it('puts a stop reason first', () => {
    expect(syncResultText({ ...none, pending: 3, message: 'Stripe cannot be reached (ECONNREFUSED).' })).toEqual({
      tone: 'error',
      text: 'Stripe cannot be reached (ECONNREFUSED). (3 still waiting.)',
    });
  });
});

describe('disconnectText', () => {
  it('counts what is cancelled', () => {
    expect(disconnectText({ pending: 0, failed: 0 })).toMatch(/Nothing is waiting to be sent\./);
    expect(disconnectText({ pending: 1, failed: 0 })).toMatch(/1 change waiting to be sent is cancelled; you can retry it/);
    expect(disconnectText({ pending: 2, failed: 1 })).toMatch(/3 changes waiting to be sent are cancelled; you can retry them/);
  });
});

describe('remote state of an invoice', () => {
  const item = (status: OutboxItem['status']): OutboxItem => ({
    id: 1,
    kind: 'invoice.push',
    status,
    clientId: 1,
    clientName: 'Acme',
    subjectId: 5,
    description: 'Invoice INV-1 for Acme',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    remoteId: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    sentAt: null,
  });
  const base: RemoteInvoice = { invoiceId: 5, remoteId: null, remoteStatus: null, hostedUrl: null, lastPolledAt: null, outbox: null };
  it('prefers the open push over an older record', () => {
    expect(remoteState(base)).toBe('not-pushed');
    expect(remoteState({ ...base, outbox: item('pending') })).toBe('queued');
    expect(remoteState({ ...base, outbox: item('failed') })).toBe('failed');
    expect(remoteState({ ...base, remoteId: 'in_1', remoteStatus: 'open' })).toBe('pushed');
  });
  it('says what happens to a queued push', () => {
    expect(queuedText({ status: 'pending', attempts: 0 })).toBe('waiting to be sent');
    expect(queuedText({ status: 'pending', attempts: 2 })).toBe('waiting to be sent again (2 attempts so far)');
    expect(queuedText({ status: 'failed', attempts: 1 })).toBe('refused by Stripe');
  });
  it('explains why it is not in Stripe', () => {
    expect(notPushedText({ connected: false, draft: false, link: null })).toMatch(/not connected/);
    expect(notPushedText({ connected: true, draft: false, link: 'unlinked' })).toMatch(/not linked/);
    expect(notPushedText({ connected: true, draft: false, link: 'linked' })).toMatch(/issued before the client was linked/);
    expect(notPushedText({ connected: true, draft: true, link: 'linked' })).toBe('Sent to Stripe when it is issued.');
  });
});

describe('parseCustomerLookup', () => {
  it('tells an email from a customer id', () => {
    expect(parseCustomerLookup(' ap@acme.example ')).toEqual({ kind: 'email', email: 'ap@acme.example' });
    expect(parseCustomerLookup('cus_Nf0r3x')).toEqual({ kind: 'id', customerId: 'cus_Nf0r3x' });
    expect(parseCustomerLookup('cus_bad id').kind).toBe('invalid');
    expect(parseCustomerLookup('acme').kind).toBe('invalid');
    expect(parseCustomerLookup('').kind).toBe('invalid');
  });
});
