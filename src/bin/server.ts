import { serve as serveHttp, type ServerType } from '@hono/node-server';
import type { Config } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { createToezicht, type Toezicht } from './app.js';

export interface RunningServer {
  toezicht: Toezicht;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the API, the UI, the periodic logboek checkpoints, the recorder and the retention sweep in one process. */
export async function startServer(config: Config, options: { logger?: Logger; beforeListen?: (t: Toezicht) => Promise<void> } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = openDatabase({ ...config, onPoolError: (err) => logger.warn({ err }, 'database connection lost; reconnecting') });
  const toezicht = await createToezicht({ config, database, logger });
  await options.beforeListen?.(toezicht);
  toezicht.logbook.startCheckpointTimer(config.checkpointIntervalSeconds, (err) => logger.error({ err }, 'logboek checkpoint failed'));
  // The recorder role (issue 5): the retention sweep always runs; the cameras are recorded unless TOEZICHT_RECORDER=off.
  toezicht.recording.startSweeper();
  if (config.recorder) {
    await toezicht.recording.startRecorder().catch((err) => logger.error({ err }, 'the recorder did not start; the cameras are not being recorded'));
  }

  const server: ServerType = await new Promise((resolve) => {
    const s = serveHttp({ fetch: toezicht.app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ url, database: database.dialect, dataDir: config.dataDir }, 'toezicht listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('shutting down');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        setTimeout(() => resolve(), 10_000).unref();
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      await toezicht.close();
      logger.info('stopped');
    })());
  return { toezicht, url, port, stop };
}

/** Runs until SIGTERM/SIGINT, then stops gracefully (final signed checkpoint included). */
export function stopOnSignals(running: RunningServer): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
