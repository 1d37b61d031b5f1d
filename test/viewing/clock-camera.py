#!/usr/bin/python3
"""A camera with a burnt-in wall clock, for measuring live latency (issue 6 item 1).

Usage: /usr/bin/python3 clock-camera.py --port PORT [--mount /clock] [--fps 10] [--gop FRAMES]
Serves over RTSP with GStreamer's gst-rtsp-server (the same server as test/recording/rtsp-server.py)
a live H.264 stream (x264 zerolatency, no B-frames, a keyframe every --gop frames, default 2 s)
whose every frame carries the wall-clock time it was made, in epoch milliseconds, as a code a
browser reads back from a canvas: 48 blocks of 26x26 pixels (12 a row, 4 rows, from (4,4)), white
for 1 and black for 0, most significant first: 42 bits of milliseconds, then 6 check bits (the
number of 1 bits of the milliseconds). Prints "READY <port>" once it listens; runs until
SIGTERM/SIGINT or stdin closes.
"""
import argparse
import signal
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

W, H = 320, 240
BLOCK, COLS, ROWS, ORIGIN = 26, 12, 4, 4


def clock_frame(ms: int) -> bytes:
    """One I420 frame: grey, with the code of `ms` in its top-left corner."""
    bits = (ms << 6) | (bin(ms).count("1") % 64)
    y = bytearray(b"\x80" * (W * H))
    for r in range(ROWS):
        line = bytearray(b"\x80" * W)
        for c in range(COLS):
            i = r * COLS + c
            on = (bits >> (47 - i)) & 1
            x0 = ORIGIN + c * BLOCK
            line[x0 : x0 + BLOCK] = (b"\xeb" if on else b"\x10") * BLOCK
        top = ORIGIN + r * BLOCK
        for row in range(top, top + BLOCK):
            y[row * W : (row + 1) * W] = line
    # A bar that moves across the bottom, so the picture also changes as a scene would.
    x = int(ms / 20) % (W - 40)
    for row in range(H - 40, H - 10):
        y[row * W + x : row * W + x + 40] = b"\xd0" * 40
    return bytes(y) + b"\x80" * (W * H // 2)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mount", default="/clock")
    parser.add_argument("--fps", type=int, default=10)
    parser.add_argument("--gop", type=int, default=0, help="frames between keyframes; default 2 s")
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    launch = (
        f"( appsrc name=clock is-live=true do-timestamp=true format=time "
        f"caps=video/x-raw,format=I420,width={W},height={H},framerate={args.fps}/1 ! "
        f"x264enc tune=zerolatency speed-preset=ultrafast key-int-max={args.gop or 2 * args.fps} bframes=0 ! "
        f"rtph264pay name=pay0 pt=96 config-interval=1 )"
    )
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    factory.set_shared(True)
    sources = []

    def on_configure(_factory, media) -> None:
        src = media.get_element().get_child_by_name("clock")
        sources.append(src)
        media.connect("unprepared", lambda _m: sources.remove(src) if src in sources else None)

    factory.connect("media-configure", on_configure)
    server.get_mount_points().add_factory(args.mount, factory)

    def tick() -> bool:
        if sources:
            data = clock_frame(int(time.time() * 1000))
            for src in list(sources):
                src.emit("push-buffer", Gst.Buffer.new_wrapped(data))
        return True

    GLib.timeout_add(max(1, round(1000 / args.fps)), tick)

    if server.attach(None) == 0:
        print(f"FAILED to listen on {args.port}", flush=True)
        return 1
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)

    def watch_stdin() -> None:
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
