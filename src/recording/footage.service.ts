import type { DayKeys } from './day-keys.js';
import { decryptSegment } from './footage-crypto.js';
import type { FootageStore } from './footage-store.js';
import type { Segment } from './segment.js';

/**
 * Reads a segment back: fetches the ciphertext and opens it with its day key. Throws
 * FootageKeyError('day_key_destroyed') for footage past retention (INV-9). Callers that show
 * footage to a person record that access in the logboek (INV-3, the Watching issue).
 */
export class FootageReader {
  constructor(
    private readonly store: FootageStore,
    private readonly keys: DayKeys,
  ) {}

  async read(segment: Pick<Segment, 'cameraId' | 'day' | 'storageKey'>): Promise<Buffer> {
    const blob = await this.store.get(segment.storageKey);
    return this.open(segment, blob);
  }

  /** Opens a ciphertext that was obtained some other way (a copy, a backup). */
  async open(segment: Pick<Segment, 'cameraId' | 'day' | 'storageKey'>, blob: Buffer): Promise<Buffer> {
    const key = await this.keys.forReading(segment.cameraId, segment.day);
    return decryptSegment(key, blob, segment.storageKey);
  }
}
