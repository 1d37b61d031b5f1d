import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { S3FootageStore } from '../../src/recording/s3-store.js';

/** A real S3-compatible server (s3rver, in-process) on a free port, with one bucket. */
export async function startS3Server(bucket = 'footage'): Promise<{ store(prefix?: string): S3FootageStore; endpoint: string; stop(): Promise<void> }> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const stores: S3FootageStore[] = [];
  return {
    endpoint,
    store(prefix = '') {
      const store = new S3FootageStore({ bucket, endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix });
      stores.push(store);
      return store;
    },
    async stop() {
      for (const store of stores) store.close();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
