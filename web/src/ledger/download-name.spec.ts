import { fallbackExportName, fileNameFromContentDisposition } from './download-name';

describe('download file names', () => {
  const fallback = fallbackExportName('csv', { from: '2026-12-01', to: '2026-12-31' });

  it('falls back to grand-livre-<from>-<to>', () => {
    expect(fallback).toBe('grand-livre-2026-12-01-2026-12-31.csv');
    expect(fileNameFromContentDisposition(null, fallback)).toBe(fallback);
    expect(fileNameFromContentDisposition('attachment', fallback)).toBe(fallback);
  });

  it('reads the name the API gives', () => {
    expect(fileNameFromContentDisposition('attachment; filename="ledger-acc_2026-12-01_2026-12-31.pdf"', fallback)).toBe('ledger-acc_2026-12-01_2026-12-31.pdf');
    expect(fileNameFromContentDisposition('attachment; filename=ledger.csv', fallback)).toBe('ledger.csv');
    expect(fileNameFromContentDisposition(`attachment; filename="x.csv"; filename*=UTF-8''grand%20livre%20%C3%A9t%C3%A9.csv`, fallback)).toBe('grand livre été.csv');
  });

  it('keeps a name, never a path', () => {
    expect(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"', fallback)).toBe('passwd');
    expect(fileNameFromContentDisposition('attachment; filename=".."', fallback)).toBe(fallback);
    expect(fileNameFromContentDisposition(`attachment; filename*=UTF-8''%E0%A4%A`, fallback)).toBe(fallback);
  });
});
