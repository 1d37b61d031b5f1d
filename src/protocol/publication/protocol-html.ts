import type { Block, DocumentSection, Language, ProtocolDocument } from './document-model.js';
import { dateWords } from './wording.js';

/**
 * The public protocol as one self-contained, accessible HTML page: `lang` on the root, a skip
 * link, banner / navigation / main / contentinfo landmarks, one h1 and an h2 per section, tables
 * with a caption and column and row headers. No script (the CSP allows none inline); the only
 * style is the inline sheet below (the CSP allows inline styles).
 */
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const chrome = {
  nl: {
    skip: 'Naar de inhoud',
    contents: 'Inhoud',
    language: 'Taal',
    other: 'English',
    otherLang: 'en',
    pdf: 'Download als PDF',
    rules: 'Protocolregels',
    generated: (date: string) => `Deze pagina is op ${date} samengesteld uit het cameraprotocol dat het camerasysteem afdwingt.`,
    camerasFor: 'Cameraprotocol',
  },
  en: {
    skip: 'Skip to content',
    contents: 'Contents',
    language: 'Language',
    other: 'Nederlands',
    otherLang: 'nl',
    pdf: 'Download as PDF',
    rules: 'Protocol rules',
    generated: (date: string) => `This page was composed on ${date} from the camera protocol the camera system enforces.`,
    camerasFor: 'Camera protocol',
  },
} as const;

const style = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; }
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; border-bottom: 1px solid #d0d5dd; }
header p { margin: 0; font-weight: 700; }
header ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: .5rem 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-top: 1px solid #d0d5dd; padding-top: 1.25rem; }
.version { font-size: 1.1rem; }
.rules { font-size: .875rem; color: #4a4f57; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding-bottom: .25rem; }
th, td { border: 1px solid #c4c9d1; padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #eef1f5; }
tbody th { font-weight: 600; }
footer { border-top: 1px solid #d0d5dd; font-size: .875rem; color: #4a4f57; }
`;

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'table': {
      const head = `<thead><tr>${block.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('')}</tr></thead>`;
      const rows = block.rows
        .map(([first = '', ...rest]) => `<tr><th scope="row">${escapeHtml(first)}</th>${rest.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
        .join('');
      return `<table><caption>${escapeHtml(block.caption)}</caption>${head}<tbody>${rows}</tbody></table>`;
    }
  }
}

function renderSection(section: DocumentSection, language: Language): string {
  const heading = `section-${section.id}`;
  const rules = section.rules.length > 0 ? `<p class="rules">${chrome[language].rules}: ${escapeHtml(section.rules.join(', '))}</p>` : '';
  return `<section aria-labelledby="${heading}"><h2 id="${heading}">${escapeHtml(section.title)}</h2>${section.blocks.map(renderBlock).join('')}${rules}</section>`;
}

export interface PageLinks {
  /** This page in the other language. */
  otherLanguage: string;
  pdf: string;
}

export function renderProtocolHtml(document: ProtocolDocument, links: PageLinks, generatedOn: string): string {
  const words = chrome[document.language];
  const title = document.siteName ? `${document.title} \u2014 ${document.siteName}` : document.title;
  const contents = document.sections.map((section) => `<li><a href="#section-${section.id}">${escapeHtml(section.title)}</a></li>`).join('');
  return `<!doctype html>
<html lang="${document.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} \u00b7 ${document.organisation}`)}</title>
<style>${style}</style>
</head>
<body>
<a class="skip" href="#content">${words.skip}</a>
<header>
<p>${escapeHtml(document.organisation)}</p>
<nav aria-label="${words.language}"><ul>
<li><a href="${escapeHtml(links.otherLanguage)}" hreflang="${words.otherLang}" lang="${words.otherLang}">${words.other}</a></li>
<li><a href="${escapeHtml(links.pdf)}" type="application/pdf">${words.pdf}</a></li>
</ul></nav>
</header>
<main id="content" tabindex="-1">
<h1>${escapeHtml(title)}</h1>
<p class="version">${escapeHtml(document.summary)}</p>
<nav aria-label="${words.contents}"><h2>${words.contents}</h2><ol>${contents}</ol></nav>
${document.sections.map((section) => renderSection(section, document.language)).join('\n')}
</main>
<footer><p>${escapeHtml(words.generated(dateWords(generatedOn, document.language)))}</p></footer>
</body>
</html>
`;
}
