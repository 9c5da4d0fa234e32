import { readFileSync } from 'node:fs';
import { compiledMailTemplates } from './compiled-templates';

// Plain JavaScript, so that `npm run generate:mail-templates` runs it with node alone.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compiledTemplatesSource, compiledTemplatesPath } = require('./compile-templates.cjs') as {
  compiledTemplatesSource(): Promise<string>;
  compiledTemplatesPath: string;
};

describe('the compiled mail templates', () => {
  it('compile from their MJML sources without an error, and the committed file is what they compile to (npm run generate:mail-templates)', async () => {
    const source = await compiledTemplatesSource();
    expect(readFileSync(compiledTemplatesPath, 'utf8')).toBe(source);
  });

  it('load no web font and no remote resource', () => {
    for (const html of Object.values(compiledMailTemplates)) {
      expect(html).not.toMatch(/<link\b|@import|src="http/);
    }
  });
});
