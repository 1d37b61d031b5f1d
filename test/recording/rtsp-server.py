#!/usr/bin/python3
"""A real RTSP server for the recorder tests and benchmarks: GStreamer's gst-rtsp-server.

Usage: /usr/bin/python3 rtsp-server.py --port PORT [--mount /cam1 ...] [--width W --height H --fps F --bitrate KBPS --gop FRAMES]
       [--user U --password P]
Prints "READY <port>" on stdout once it listens; runs until SIGTERM/SIGINT (or stdin closes).
Each mount serves its own live H.264 stream (videotestsrc ball pattern: a moving ball),
no B-frames, a keyframe every 2 s (or --gop frames), shared between clients; with --user, Basic auth.
"""
import argparse
import signal
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mount", action="append", default=[])
    parser.add_argument("--width", type=int, default=320)
    parser.add_argument("--height", type=int, default=240)
    parser.add_argument("--fps", type=int, default=25)
    parser.add_argument("--bitrate", type=int, default=0, help="kbit/s; 0 lets x264 choose")
    parser.add_argument("--gop", type=int, default=0, help="frames between keyframes; default 2 s")
    parser.add_argument("--file", default="", help="serve this MP4 (H.264) in real time instead of encoding a test picture")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="")
    args = parser.parse_args()
    mounts = args.mount or ["/cam1"]

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))

    if args.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "viewer")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), token)
        server.set_auth(auth)

    bitrate = f" bitrate={args.bitrate}" if args.bitrate else ""
    for i, mount in enumerate(mounts):
        if args.file:
            # A pre-encoded clip, paced by the media pipeline's clock: many "cameras" at the cost of a demuxer each.
            launch = f"( filesrc location={args.file} ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
        else:
            launch = (
                f"( videotestsrc is-live=true pattern=ball ! "
                f"video/x-raw,width={args.width},height={args.height},framerate={args.fps}/1 ! "
                f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.gop or 2 * args.fps} bframes=0{bitrate} ! "
                f"rtph264pay name=pay0 pt=96 config-interval=1 )"
            )
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch)
        factory.set_shared(True)
        if args.user:
            permissions = GstRtspServer.RTSPPermissions()
            permissions.add_role_from_structure(
                Gst.Structure.new_from_string("viewer, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")
            )
            factory.set_permissions(permissions)
        server.get_mount_points().add_factory(mount, factory)

    if server.attach(None) == 0:
        print(f"FAILED to listen on {args.port}", flush=True)
        return 1
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)

    def watch_stdin() -> None:
        # The parent (a test) died: stop serving instead of lingering.
        try:
            sys.stdin.read()
        finally:
            GLib.idle_add(loop.quit)

    if not sys.stdin.isatty():
        threading.Thread(target=watch_stdin, daemon=True).start()
    print(f"READY {args.port}", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
