/**
 * A case document as data: what the PDF renderer draws (letter-pdf.ts), composed from the case by
 * the pure functions in letters.ts. The same case gives the same model.
 */
export interface LetterModel {
  organisation: string;
  title: string;
  /** Label/value lines under the title: reference, date, recipient, footage… */
  facts: [string, string][];
  paragraphs: string[];
  /** Points the signer declares, as a list. */
  declarations: string[];
  /** The rules the document rests on, printed small at the foot. */
  rules: string[];
  signature: { label: string; name: string | null; role: string | null };
}

export interface SignatureMark {
  png: Buffer;
  signerName: string;
  signedAt: string;
}

const dateFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const timeFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export const dutchDate = (instant: string | Date): string => dateFormat.format(new Date(instant));
export const dutchDateTime = (instant: string | Date): string => dateTimeFormat.format(new Date(instant));

/** "12 maart 2026, 21:00–21:05" (one day) or both ends in full. */
export function dutchWindow(from: string, to: string): string {
  const sameDay = dutchDate(from) === dutchDate(to);
  return sameDay ? `${dutchDate(from)}, ${timeFormat.format(new Date(from))}\u2013${timeFormat.format(new Date(to))}` : `${dutchDateTime(from)} \u2013 ${dutchDateTime(to)}`;
}
