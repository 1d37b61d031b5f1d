import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { assertStorageKey, FootageObjectMissing, wholeBody, type FootageBody, type FootageStore } from './footage-store.js';

export interface S3StoreOptions {
  bucket: string;
  /** Endpoint of an S3-compatible service (MinIO, Garage, Ceph RGW…); empty for AWS itself. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (bucket in the path), which most self-hosted services need. */
  forcePathStyle: boolean;
  /** Prefix inside the bucket, e.g. "toezicht/" when the bucket is shared. */
  prefix?: string;
}

/**
 * Footage in an S3-compatible object store (scale-out). A PUT is atomic on every S3 implementation;
 * the store only ever holds ciphertext, so the bucket's own encryption is a second layer at most.
 */
export class S3FootageStore implements FootageStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly options: S3StoreOptions) {
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    });
    this.prefix = options.prefix ?? '';
  }

  private objectKey(key: string): string {
    return `${this.prefix}${assertStorageKey(key)}`;
  }

  async put(key: string, parts: FootageBody): Promise<void> {
    const body = wholeBody(parts);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key), Body: body, ContentLength: body.length, ContentType: 'application/octet-stream' }),
    );
  }

  async get(key: string): Promise<Buffer> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      if (!res.Body) throw new FootageObjectMissing(key);
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') throw new FootageObjectMissing(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (err instanceof NotFound || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }

  async *list(prefix: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: `${this.prefix}${prefix}`, ContinuationToken: token }),
      );
      for (const object of res.Contents ?? []) if (object.Key) yield object.Key.slice(this.prefix.length);
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async *entries(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: `${this.prefix}${prefix}`, ContinuationToken: token }),
      );
      for (const object of res.Contents ?? []) if (object.Key) yield { key: object.Key.slice(this.prefix.length), modifiedAt: object.LastModified ?? new Date() };
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async freeBytes(): Promise<null> {
    return null;
  }

  close(): void {
    this.client.destroy();
  }
}
