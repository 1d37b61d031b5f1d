import { conflict, notFound } from '../platform/errors.js';
import { openCredentials } from './camera-input.js';
import { toCamera } from './camera.repository.js';
import { CameraAccessError } from './connection-test.failure.js';
import type { ConnectionTester, FrameGrab } from './connection-test.runner.js';
import type { RegisterActor, RegisterDeps } from './register.deps.js';

export interface ConnectionTestResult {
  ok: true;
  width: number;
  height: number;
  codec: string | null;
  /** data:image/jpeg;base64,… — shown once, never stored. */
  thumbnail: string;
  ms: number;
}

/**
 * The connection test (issue 4, item 5): grabs one frame from a registered camera with its sealed
 * credentials and returns it as a small thumbnail. Every test, failed or not, is a logboek entry
 * (who, when, which camera, the outcome): the thumbnail is a live image (INV-3). Never the
 * credentials, and nothing of ffmpeg's output (it repeats the URL with them).
 */
export class ConnectionTestService {
  constructor(
    private readonly d: RegisterDeps,
    private readonly tester: ConnectionTester,
  ) {}

  async test(cameraId: string, by: RegisterActor): Promise<ConnectionTestResult> {
    const row = await this.d.cameras.findById(cameraId);
    if (!row) throw notFound('camera_not_found', `No camera ${cameraId}`);
    const camera = toCamera(row);
    if (camera.status === 'retired') throw conflict('camera_retired', 'A retired camera is not connected any more', 'status');
    if (camera.dummy) throw conflict('camera_dummy', 'A dummy camera has no connection to test', 'dummy');
    if (!camera.streamUrl) throw conflict('camera_no_stream_url', 'Record the camera address (RTSP) first', 'streamUrl');

    let grab: FrameGrab | null = null;
    let failure: CameraAccessError | null = null;
    try {
      grab = await this.tester.grab(camera.streamUrl, openCredentials(this.d.secrets, row.credentials_sealed));
    } catch (err) {
      if (!(err instanceof CameraAccessError)) throw err;
      failure = err;
    }
    await this.d.logbook.record({
      actor: by,
      action: 'register.camera_connection_tested',
      subject: {
        cameraId, siteId: camera.siteId, name: camera.name, cameras: [cameraId], streamUrl: camera.streamUrl, withCredentials: camera.hasCredentials,
        outcome: failure?.code ?? 'ok', reason: failure?.reason ?? null,
        ...(grab ? { codec: grab.codec, width: grab.width, height: grab.height, ms: grab.ms } : {}),
      },
    });
    if (failure) throw failure;
    return { ok: true, width: grab!.width, height: grab!.height, codec: grab!.codec, thumbnail: `data:image/jpeg;base64,${grab!.jpeg.toString('base64')}`, ms: grab!.ms };
  }
}
