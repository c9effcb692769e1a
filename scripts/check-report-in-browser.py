#!/usr/bin/env python3
"""Open the demo's report in headless Chromium: it must render (not blank) with no console errors.

Runs `stocktake demo`, then Chromium headless on its report.html: a screenshot
(decoded here with zlib: enough distinct colours and enough non-white pixels,
so a blank or unstyled page fails) and the console (any error or uncaught
exception fails). With --png PATH the screenshot is kept (the README's image is
made this way, downscaled with --width).

Usage:
    python3 scripts/check-report-in-browser.py [--binary PATH] [--png PATH] [--width N]

Exits 77 (skipped) with the reason when no Chromium is installed.
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIPPED = 77
HERE = os.path.dirname(os.path.abspath(__file__))


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def read_png(path):
    """(width, height, rows of RGB triples) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position, idat = 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind, chunk = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError(f"unexpected PNG format: depth {depth}, colour type {colour}")
        elif kind == b"IDAT":
            idat += chunk
    raw = zlib.decompress(idat)
    step = 3 if colour == 2 else 4
    stride = width * step
    rows, previous, index = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[index], bytearray(raw[index + 1:index + 1 + stride])
        index += 1 + stride
        for x in range(stride):
            a = line[x - step] if x >= step else 0
            b = previous[x]
            c = previous[x - step] if x >= step else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, step)])
        previous = line
    return width, height, rows


def write_png(path, rows):
    """Writes RGB rows as a PNG."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(value for pixel in row for value in pixel) for row in rows)
    header = struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 2, 0, 0, 0)
    with open(path, "wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def downscale(rows, width):
    """Box-filtered to `width` pixels wide."""
    factor = max(1, len(rows[0]) // width)
    out = []
    for top in range(0, len(rows) - factor + 1, factor):
        line = []
        for left in range(0, len(rows[0]) - factor + 1, factor):
            block = [rows[top + dy][left + dx] for dy in range(factor) for dx in range(factor)]
            line.append(tuple(sum(pixel[i] for pixel in block) // len(block) for i in range(3)))
        out.append(line)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=None)
    parser.add_argument("--png", default=None, help="keep the screenshot here")
    parser.add_argument("--width", type=int, default=0, help="downscale the kept screenshot to about this width")
    options = parser.parse_args()
    browser = chromium()
    if browser is None:
        print("skipped: no Chromium here (apt-get install chromium)", file=sys.stderr)
        return SKIPPED
    binary = options.binary or subprocess.check_output(
        ["swift", "build", "--show-bin-path"], cwd=os.path.dirname(HERE), text=True).strip() + "/stocktake"
    directory = tempfile.mkdtemp(prefix="stocktake-browser-")
    try:
        subprocess.run([binary, "demo", "--dir", directory], check=True, stdout=subprocess.DEVNULL)
        report = os.path.join(directory, "report.html")
        screenshot = os.path.join(directory, "report.png")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                 "--enable-logging=stderr", "--v=0", f"--user-data-dir={directory}/profile"]
        shot = subprocess.run([browser, *flags, "--window-size=1200,1800", f"--screenshot={screenshot}", "file://" + report],
                              capture_output=True, text=True, timeout=120)
        console = [line for line in shot.stderr.splitlines()
                   if "CONSOLE" in line or "Uncaught" in line or "Refused to" in line or "net::ERR" in line]
        if console:
            print("report: the browser console says:\n  " + "\n  ".join(console), file=sys.stderr)
            return 1
        if shot.returncode != 0 or not os.path.exists(screenshot):
            print(f"report: Chromium made no screenshot (exit {shot.returncode}):\n{shot.stderr[-2000:]}", file=sys.stderr)
            return 1
        width, height, rows = read_png(screenshot)
        colours = set()
        inked = 0
        for row in rows[::4]:
            for pixel in row[::4]:
                colours.add(pixel)
                if sum(pixel) < 600:
                    inked += 1
        share = inked / (len(rows[::4]) * len(rows[0][::4]))
        print(f"report: rendered {width}x{height}, {len(colours)} colours, {share:.1%} of the page inked")
        if len(colours) < 20 or share < 0.02:
            print("report: the page looks blank", file=sys.stderr)
            return 1
        if options.png:
            write_png(options.png, downscale(rows, options.width) if options.width else rows)
            print(f"report: screenshot written to {options.png}")
        return 0
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
