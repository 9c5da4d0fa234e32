import { ledgerLineEventId } from './ledger-line-outbox';

describe('ledger line event ids', () => {
  it('are name-based UUIDs (version 5): the RFC example, and the same id for the same line, another for another line', () => {
    // RFC 9562 (appendix A.4): www.example.com in the DNS namespace.
    expect(ledgerLineEventId('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(ledgerLineEventId('evt-1:fee')).toBe(ledgerLineEventId('evt-1:fee'));
    expect(ledgerLineEventId('evt-1:fee')).not.toBe(ledgerLineEventId('evt-1:retrocession-paid'));
    expect(ledgerLineEventId('evt-1:fee')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
