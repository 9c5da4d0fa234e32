import { InvalidConfigurationError, loadPlatformConfig } from './platform-config';

const JWT_SECRET = 'a-signing-secret-of-at-least-32-bytes-for-tests';

describe('platform configuration: PUBLIC_URL', () => {
  it('defaults to the loopback address on PORT', () => {
    expect(loadPlatformConfig({ JWT_SECRET, PORT: '4100' }).publicUrl).toBe('http://127.0.0.1:4100');
  });

  it('takes an http or https URL, without its trailing slash', () => {
    expect(loadPlatformConfig({ JWT_SECRET, PUBLIC_URL: 'https://cabinet.example.fr/' }).publicUrl).toBe('https://cabinet.example.fr');
  });

  it('lists anything else with the other problems', () => {
    const problems = (env: Record<string, string>): readonly string[] => {
      try {
        loadPlatformConfig({ JWT_SECRET, ...env });
        return [];
      } catch (error) {
        return (error as InvalidConfigurationError).problems;
      }
    };
    expect(problems({ PUBLIC_URL: 'ftp://cabinet.example.fr' })).toEqual(['PUBLIC_URL must be a http or https URL (got "ftp://cabinet.example.fr")']);
    expect(problems({ PUBLIC_URL: 'not a url', PORT: 'x' })).toEqual([expect.stringMatching(/^PORT must be/), 'PUBLIC_URL must be a http or https URL (got "not a url")']);
  });
});
