#!/usr/bin/env python3
"""Draws the default site's photo: content/about-hills.jpg.

A painted landscape (morning sky, low sun, layered hills, a lake, trees),
2400 x 1600 pixels, saved as a JPEG the way a phone saves one: stored on
its side with an orientation tag saying "turn 90 degrees clockwise", and
with a camera's name and a location (GPS) in its EXIF metadata. Hearth
must turn it upright and publish it without any of that metadata; the
build's tests and the browser checks rely on it.

    python3 scripts/default-site-photo.py [OUT]   (needs Pillow)

The drawing is seeded, so the same Pillow makes the same picture.
"""

import math
import random
import sys

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 2400, 1600
OUT = sys.argv[1] if len(sys.argv) > 1 else "content/about-hills.jpg"
random.seed(29)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def sky():
    top, middle, horizon = (120, 150, 205), (205, 190, 215), (250, 210, 165)
    column = Image.new("RGB", (1, HEIGHT))
    for y in range(HEIGHT):
        t = y / (HEIGHT * 0.62)
        colour = mix(top, middle, t / 0.6) if t < 0.6 else mix(middle, horizon, min(1, (t - 0.6) / 0.4))
        column.putpixel((0, y), colour)
    return column.resize((WIDTH, HEIGHT))


def sun(picture):
    glow = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(glow)
    cx, cy = int(WIDTH * 0.68), int(HEIGHT * 0.42)
    draw.ellipse((cx - 260, cy - 260, cx + 260, cy + 260), fill=110)
    glow = glow.filter(ImageFilter.GaussianBlur(160))
    draw = ImageDraw.Draw(glow)
    draw.ellipse((cx - 70, cy - 70, cx + 70, cy + 70), fill=235)
    glow = glow.filter(ImageFilter.GaussianBlur(6))
    light = Image.new("RGB", (WIDTH, HEIGHT), (255, 238, 200))
    return Image.composite(light, picture, glow)


def ridge(base, amplitude, waves):
    phases = [(random.uniform(0.6, 1.4) * k, random.uniform(0, 6.3)) for k in waves]
    points = []
    for x in range(0, WIDTH + 8, 8):
        y = base + sum(amplitude / (i + 1) * math.sin(f * x / WIDTH * math.tau + p)
                       for i, (f, p) in enumerate(phases))
        points.append((x, y))
    return points


def hills(picture):
    haze = (215, 200, 205)
    layers = [
        (0.56, 50, (95, 120, 150), 0.55),
        (0.62, 70, (80, 115, 120), 0.40),
        (0.70, 80, (70, 110, 80), 0.22),
        (0.80, 90, (55, 95, 55), 0.10),
        (0.92, 70, (40, 75, 40), 0.0),
    ]
    draw = ImageDraw.Draw(picture)
    for index, (base, amplitude, colour, hazed) in enumerate(layers):
        line = ridge(HEIGHT * base, amplitude, [1, 2.3, 5.1, 11.7])
        draw.polygon(line + [(WIDTH, HEIGHT), (0, HEIGHT)], fill=mix(colour, haze, hazed))
        if index == 2:
            lake(draw)
        if index >= 2:
            trees(draw, line, mix(colour, (20, 40, 25), 0.5), 14 + 10 * index)


def lake(draw):
    top = HEIGHT * 0.76
    draw.ellipse((WIDTH * 0.14, top - 40, WIDTH * 0.72, top + 70), fill=(175, 185, 210))


def trees(draw, line, colour, size):
    for _ in range(40):
        x, y = random.choice(line[5:-5])
        height = size * random.uniform(0.7, 1.4)
        draw.ellipse((x - height / 3, y - height, x + height / 3, y + 4), fill=colour)


def grain(picture):
    noise = Image.effect_noise((WIDTH, HEIGHT), 18).convert("RGB")
    return Image.blend(picture, noise, 0.06)


def exif():
    tags = Image.Exif()
    tags[0x010F] = "Hearth sample camera"  # Make
    tags[0x0110] = "Model 29"  # Model
    tags[0x0112] = 6  # Orientation: turn 90 degrees clockwise to show
    tags[0x0132] = "2026:09:01 08:30:00"  # DateTime
    gps = tags.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 24.0, 54.0)
    gps[3] = "W"
    gps[4] = (3.0, 51.0, 12.0)
    return tags


picture = sun(sky())
hills(picture)
picture = grain(picture.filter(ImageFilter.GaussianBlur(1.2)))
# Stored on its side, as a phone held upright stores it.
picture.transpose(Image.Transpose.ROTATE_90).save(OUT, quality=86, exif=exif().tobytes())
