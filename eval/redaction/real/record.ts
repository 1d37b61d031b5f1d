/**
 * Writes the "### Real footage (hand-labelled)" subsection inside the "## Redaction evaluation"
 * section of bench/RESULTS.md (pure on the text): replaces it where present, otherwise appends it at
 * the end of that section; creates the section when it is missing. Everything else stays as it is.
 */
export const sectionHeading = '## Redaction evaluation';
export const subsectionHeading = '### Real footage (hand-labelled)';

export function withSubsection(text: string, body: string): string {
  const block = `${subsectionHeading}\n\n${body.trimEnd()}\n`;
  const section = text.indexOf(`\n${sectionHeading}\n`);
  if (section < 0) return `${text.trimEnd()}\n\n${sectionHeading}\n\n${block}`;
  const sectionEnd = nextHeading(text, section + sectionHeading.length + 2, '\n## ');
  const start = text.indexOf(`\n${subsectionHeading}\n`, section);
  if (start >= 0 && start < sectionEnd) {
    const end = Math.min(nextHeading(text, start + subsectionHeading.length + 2, '\n### '), nextHeading(text, start + 1, '\n## '));
    const rest = text.slice(end);
    return `${text.slice(0, start + 1)}${block}${rest.length > 0 ? `\n${rest.slice(1)}` : ''}`;
  }
  const before = text.slice(0, sectionEnd).trimEnd();
  const rest = text.slice(sectionEnd);
  return `${before}\n\n${block}${rest.length > 0 ? `\n${rest.slice(1)}` : ''}`;
}

function nextHeading(text: string, from: number, marker: string): number {
  const i = text.indexOf(marker, from);
  return i < 0 ? text.length : i;
}

/** The body of the real-footage subsection in `text` (without its heading), or null when there is none. */
export function realSubsection(text: string): string | null {
  const section = text.indexOf(`\n${sectionHeading}\n`);
  if (section < 0) return null;
  const sectionEnd = nextHeading(text, section + sectionHeading.length + 2, '\n## ');
  const start = text.indexOf(`\n${subsectionHeading}\n`, section);
  if (start < 0 || start >= sectionEnd) return null;
  const end = Math.min(nextHeading(text, start + subsectionHeading.length + 2, '\n### '), sectionEnd);
  return text.slice(start + subsectionHeading.length + 2, end).trim();
}
