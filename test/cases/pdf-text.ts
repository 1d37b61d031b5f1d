import zlib from 'node:zlib';

/**
 * The text of a PDF written by pdfkit with its standard fonts: inflate every content stream and
 * join the hex strings of its text operators (WinAnsi). Enough to check what a document says.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const out: string[] = [];
  const pattern = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source))) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    if (end < 0) break;
    let body: Buffer;
    try {
      body = zlib.inflateSync(pdf.subarray(start, end));
    } catch {
      continue;
    }
    const text = body.toString('latin1');
    if (!/T[Jj]/.test(text)) continue;
    for (const line of text.split('\n')) {
      if (!/T[Jj]\s*$/.test(line)) continue;
      out.push([...line.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join(''));
    }
  }
  return out.join('\n');
}
