/**
 * Fills a template compiled from MJML: every `{{slot}}` gets its value HTML-escaped (a line break
 * becomes `<br>`), and every `<!--if:name-->…<!--end:name-->` block is kept or dropped. A slot or
 * block the caller did not name, or a name the template does not have, throws: a template and its
 * caller that disagree fail their test, not a person's mail.
 */
export function fillCompiledTemplate(
  template: string,
  slots: Readonly<Record<string, string>>,
  blocks: Readonly<Record<string, boolean>> = {},
): string {
  const slotsInTemplate = new Set([...template.matchAll(/\{\{([\w-]+)\}\}/g)].map((match) => match[1]));
  const unknown = Object.keys(slots).filter((name) => !slotsInTemplate.has(name));
  if (unknown.length > 0) throw new Error(`The mail template has no slot ${unknown.map((name) => `"${name}"`).join(', ')}`);

  let html = template;
  for (const [name, shown] of Object.entries(blocks)) {
    if (!html.includes(`<!--if:${name}-->`)) throw new Error(`The mail template has no block "${name}"`);
    const block = new RegExp(`<!--if:${name}-->([\\s\\S]*?)<!--end:${name}-->`, 'g');
    html = html.replace(block, (_whole, inside: string) => (shown ? inside : ''));
  }
  const leftBlock = /<!--(?:if|end):([\w-]+)-->/.exec(html);
  if (leftBlock) throw new Error(`The mail template's block "${leftBlock[1]}" was given no value`);

  return html.replace(/\{\{([\w-]+)\}\}/g, (_whole, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`The mail template's slot "${name}" was given no value`);
    return escapeHtml(value).replace(/\r?\n/g, '<br>');
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character]);
}

const htmlEntities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
