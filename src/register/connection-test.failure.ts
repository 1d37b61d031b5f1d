/**
 * Why reaching a camera failed (ONVIF probe or RTSP connection test), as a stable code, a finer
 * reason and a sentence in Dutch and English for the person at the camera. Never names the URL
 * or credentials: ffmpeg and devices may repeat them, so nothing of their output is passed on.
 */
export type CameraFailureCode = 'camera_unreachable' | 'camera_auth_failed' | 'camera_no_video' | 'camera_not_onvif';

export const failureReasons = {
  dns: 'camera_unreachable',
  refused: 'camera_unreachable',
  timeout: 'camera_unreachable',
  no_route: 'camera_unreachable',
  not_found: 'camera_unreachable',
  not_rtsp: 'camera_unreachable',
  tls: 'camera_unreachable',
  rejected: 'camera_auth_failed',
  credentials_missing: 'camera_auth_failed',
  http_auth: 'camera_auth_failed',
  no_video_stream: 'camera_no_video',
  no_frame: 'camera_no_video',
  not_decodable: 'camera_no_video',
  not_onvif: 'camera_not_onvif',
  onvif_answer: 'camera_not_onvif',
  discovery_failed: 'camera_unreachable',
} as const satisfies Record<string, CameraFailureCode>;

export type FailureReason = keyof typeof failureReasons;

const messages: Record<FailureReason, { nl: string; en: string }> = {
  dns: {
    nl: 'De naam van de camera is niet te vinden (DNS). Controleer het adres.',
    en: 'The camera\u2019s host name could not be resolved (DNS). Check the address.',
  },
  refused: {
    nl: 'De camera weigert de verbinding: op deze poort luistert niets. Controleer adres en poort.',
    en: 'The camera refused the connection: nothing listens on this port. Check the address and port.',
  },
  timeout: {
    nl: 'De camera antwoordt niet op tijd. Controleer of hij aan staat en via het netwerk bereikbaar is.',
    en: 'The camera did not answer in time. Check that it is switched on and reachable over the network.',
  },
  no_route: {
    nl: 'Er is geen netwerkverbinding met de camera mogelijk (geen route). Controleer het netwerk.',
    en: 'There is no network route to the camera. Check the network.',
  },
  not_found: {
    nl: 'De camera antwoordt, maar heeft op dit pad geen stream (404). Controleer het pad in het adres.',
    en: 'The camera answers, but has no stream at this path (404). Check the path in the address.',
  },
  not_rtsp: {
    nl: 'Op dit adres antwoordt geen RTSP-camera. Controleer poort en protocol.',
    en: 'What answers at this address is not an RTSP camera. Check the port and protocol.',
  },
  tls: {
    nl: 'De beveiligde verbinding (RTSPS) met de camera is mislukt.',
    en: 'The secure connection (RTSPS) to the camera failed.',
  },
  rejected: {
    nl: 'De camera weigert de gebruikersnaam of het wachtwoord.',
    en: 'The camera rejected the username or password.',
  },
  credentials_missing: {
    nl: 'De camera vraagt een gebruikersnaam en wachtwoord, maar er zijn er geen opgeslagen.',
    en: 'The camera asks for a username and password, but none are stored.',
  },
  http_auth: {
    nl: 'De camera vraagt HTTP-aanmelding in plaats van ONVIF-aanmelding (WS-Security); dat wordt nog niet ondersteund. Zet WS-UsernameToken aan op de camera of vul het streamadres zelf in.',
    en: 'The camera asks for HTTP authentication instead of ONVIF (WS-Security) authentication, which is not supported yet. Enable WS-UsernameToken on the camera or enter the stream address yourself.',
  },
  no_video_stream: {
    nl: 'De stream van de camera bevat geen beeld.',
    en: 'The camera\u2019s stream contains no video.',
  },
  no_frame: {
    nl: 'De camera is bereikbaar, maar stuurde niet op tijd een beeld.',
    en: 'The camera is reachable, but sent no image in time.',
  },
  not_decodable: {
    nl: 'Het beeld van de camera kon niet worden gelezen.',
    en: 'The camera\u2019s image could not be decoded.',
  },
  not_onvif: {
    nl: 'Op dit adres antwoordt geen ONVIF-apparaat. Controleer de poort (vaak 80) en of ONVIF op de camera aan staat.',
    en: 'No ONVIF device answers at this address. Check the port (often 80) and that ONVIF is enabled on the camera.',
  },
  onvif_answer: {
    nl: 'De camera gaf een ONVIF-antwoord dat niet te lezen is.',
    en: 'The camera gave an ONVIF answer that cannot be read.',
  },
  discovery_failed: {
    nl: 'Zoeken naar camera\u2019s lukt niet vanaf deze server (multicast geblokkeerd of geen netwerk). Vul het adres van de camera zelf in.',
    en: 'Searching for cameras does not work from this server (multicast blocked or no network). Enter the camera\u2019s address yourself.',
  },
};

/** A failed attempt to reach a camera; the routes turn it into problem JSON (502). */
export class CameraAccessError extends Error {
  readonly code: CameraFailureCode;
  readonly text: { nl: string; en: string };

  constructor(readonly reason: FailureReason) {
    super(messages[reason].en);
    this.name = 'CameraAccessError';
    this.code = failureReasons[reason];
    this.text = messages[reason];
  }
}

/** Maps a Node network error code (ECONNREFUSED, ENOTFOUND, …) to a reason; null when it is not one of them. */
export function reasonFromErrno(code: string | undefined): FailureReason | null {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'dns';
    case 'ECONNREFUSED':
    case 'ECONNRESET':
      return 'refused';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return 'no_route';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'EPROTO':
      return 'tls';
    default:
      return null;
  }
}
