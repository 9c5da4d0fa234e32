// Compiles the mail templates (sources/*.mjml) to HTML once, at build time, into
// compiled-templates.ts; the platform fills their {{slots}} with escaped text at send time
// (html-slots.ts). `npm run generate:mail-templates` writes the file; compiled-templates.spec.ts
// fails while the committed file differs from what this compiles, or when MJML finds an error.
'use strict';
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const mjml2html = require('mjml');

const sources = join(__dirname, 'sources');
const target = join(__dirname, 'compiled-templates.ts');

async function compileMailTemplates() {
  const compiled = {};
  for (const file of readdirSync(sources).filter((name) => name.endsWith('.mjml')).sort()) {
    const path = join(sources, file);
    const result = await mjml2html(readFileSync(path, 'utf8'), {
      filePath: path,
      ignoreIncludes: false,
      includePath: sources,
      validationLevel: 'strict',
      // The <!--if:…--> markers the fill step needs; no web fonts, so no request leaves the reader's mail client.
      keepComments: true,
      fonts: {},
    });
    if (result.errors.length > 0) throw new Error(`${file}: ${result.errors.map((error) => error.formattedMessage).join('; ')}`);
    compiled[file.replace(/\.mjml$/, '')] = result.html;
  }
  return compiled;
}

async function compiledTemplatesSource() {
  const compiled = await compileMailTemplates();
  const entries = Object.entries(compiled).map(([name, html]) => `  ${JSON.stringify(name)}: ${JSON.stringify(html)},`);
  return [
    '// Written by `npm run generate:mail-templates` (compile-templates.cjs) from sources/*.mjml: do not edit.',
    'export const compiledMailTemplates = {',
    ...entries,
    '} as const;',
    '',
    'export type MailTemplateName = keyof typeof compiledMailTemplates;',
    '',
  ].join('\n');
}

module.exports = { compiledTemplatesSource, compiledTemplatesPath: target };

if (require.main === module) {
  compiledTemplatesSource().then(
    (source) => {
      writeFileSync(target, source);
      console.log(`wrote ${target}`);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
