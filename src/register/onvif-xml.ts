/**
 * A small, strict XML reader for the SOAP answers of ONVIF cameras: elements by local name
 * (namespace prefixes dropped), attributes, text, CDATA and the five predefined entities plus
 * character references. It refuses DOCTYPE declarations outright, so no entity expansion or
 * external entity can ever be triggered by what a device sends (XXE). Pure: no I/O.
 */
export interface XmlElement {
  /** Local name, without namespace prefix. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (concatenated, entities decoded, not trimmed). */
  text: string;
}

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

const maxDepth = 64;

export function parseXml(input: string): XmlElement {
  let i = 0;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const names: string[] = [];
  const top = () => stack[stack.length - 1]!;

  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt < 0) {
      appendText(top(), input.slice(i));
      break;
    }
    if (lt > i) appendText(top(), input.slice(i, lt));
    if (input.startsWith('<?', lt)) {
      i = after(input, '?>', lt);
    } else if (input.startsWith('<!--', lt)) {
      i = after(input, '-->', lt);
    } else if (input.startsWith('<![CDATA[', lt)) {
      const end = after(input, ']]>', lt);
      top().text += input.slice(lt + 9, end - 3);
      i = end;
    } else if (input.startsWith('<!', lt)) {
      throw new XmlError('DOCTYPE and other declarations are not accepted');
    } else if (input.startsWith('</', lt)) {
      const end = after(input, '>', lt);
      const name = input.slice(lt + 2, end - 1).trim();
      if (names.pop() !== name) throw new XmlError(`unexpected closing tag ${name.slice(0, 60)}`);
      stack.pop();
      i = end;
    } else {
      const end = tagEnd(input, lt);
      let body = input.slice(lt + 1, end);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const nameMatch = /^([^\s/>]+)/.exec(body);
      if (!nameMatch) throw new XmlError('element without a name');
      const qualified = nameMatch[1]!;
      const element: XmlElement = { name: localName(qualified), attributes: parseAttributes(body.slice(qualified.length)), children: [], text: '' };
      top().children.push(element);
      if (!selfClosing) {
        if (stack.length > maxDepth) throw new XmlError('nested too deeply');
        stack.push(element);
        names.push(qualified);
      }
      i = end + 1;
    }
  }
  if (names.length > 0) throw new XmlError(`unclosed element ${names[names.length - 1]!.slice(0, 60)}`);
  const elements = root.children;
  if (elements.length !== 1) throw new XmlError('a document has exactly one root element');
  return elements[0]!;
}

function after(input: string, token: string, from: number): number {
  const at = input.indexOf(token, from);
  if (at < 0) throw new XmlError(`unterminated ${token}`);
  return at + token.length;
}

/** The '>' that ends a start tag, skipping quoted attribute values. */
function tagEnd(input: string, from: number): number {
  let quote: string | null = null;
  for (let j = from + 1; j < input.length; j++) {
    const ch = input[j];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return j;
  }
  throw new XmlError('unterminated start tag');
}

function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let rest = text;
  for (const m of text.matchAll(pattern)) {
    out[m[1]!] = decodeEntities(m[3] ?? m[4] ?? '');
    rest = rest.replace(m[0], '');
  }
  if (rest.trim() !== '') throw new XmlError('malformed attribute');
  return out;
}

function appendText(element: XmlElement, raw: string): void {
  if (element.name === '#document') {
    if (raw.trim() !== '') throw new XmlError('text outside the root element');
    return;
  }
  element.text += decodeEntities(raw);
}

const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return codePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return codePoint(parseInt(ref.slice(1), 10));
    const value = named[ref];
    if (value === undefined) throw new XmlError(`unknown entity ${whole.slice(0, 20)}`);
    return value;
  });
}

function codePoint(n: number): string {
  if (!Number.isFinite(n) || n < 1 || n > 0x10ffff) throw new XmlError('invalid character reference');
  return String.fromCodePoint(n);
}

export function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon >= 0 ? qualified.slice(colon + 1) : qualified;
}

/** The first descendant (depth-first, the element itself excluded) reached by the path of local names. */
export function find(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) {
    if (!current) return undefined;
    current = descendant(current, name);
  }
  return current;
}

/** Every descendant with the local name, in document order (not looking inside a match). */
export function findAll(element: XmlElement | undefined, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const child of e.children) {
      if (child.name === name) out.push(child);
      else walk(child);
    }
  };
  if (element) walk(element);
  return out;
}

/** Trimmed text of the element the path leads to, or null. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | null {
  const found = find(element, ...path);
  if (!found) return null;
  const text = found.text.trim();
  return text === '' ? null : text;
}

function descendant(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) if (child.name === name) return child;
  for (const child of element.children) {
    const found = descendant(child, name);
    if (found) return found;
  }
  return undefined;
}
