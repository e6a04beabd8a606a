"""A realistic benchmark corpus: 2K JPEG, PNG and WEBP files with embedded records and varied prompts.

Pixels are encoded once per base image (12 bases: 4 sizes × 3 formats, photo-like content so the
files have realistic sizes); every corpus file is a base with its own embedded record spliced in,
so each file has distinct bytes, a distinct content identity and a distinct prompt. Generated once
and kept under ``SEEDREAM_BENCH_CORPUS`` (default /tmp/seedream-bench-corpus) for later runs.
"""

from __future__ import annotations

import io
import os
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from seedream_desktop.api.sizes import by_dimensions
from seedream_desktop.library.metadata import embed
from seedream_desktop.library.record import GenerationRecord, ParentImage, ReferenceRecord

DEFAULT_FOLDER = Path(os.environ.get("SEEDREAM_BENCH_CORPUS", "/tmp/seedream-bench-corpus"))
BASE_SIZES = ((2048, 2048), (2560, 1440), (1728, 2304), (2304, 1728))
FORMATS = (("JPG", 0.4), ("PNG", 0.3), ("WEBP", 0.3))  # share of the corpus

SUBJECTS = [
    "a red fox", "a lighthouse", "an astronaut", "a tea house", "a vintage bicycle", "a koi pond",
    "a cyberpunk street", "a mountain village", "a ceramic vase", "a robot barista", "a paper crane",
    "a desert caravan", "a snowy forest", "a neon diner", "a bamboo grove", "a sailing ship",
    "a cat on a windowsill", "a perfume bottle", "a sneaker product shot", "a poster for a jazz festival",
    "a character sheet of a young wizard", "a bowl of ramen", "a glass greenhouse", "an owl",
]  # fmt: skip
STYLES = [
    "watercolor", "oil painting", "isometric 3D render", "studio photography", "ukiyo-e woodblock print",
    "flat vector illustration", "cinematic still", "pencil sketch", "claymation", "pixel art",
    "art nouveau poster", "low poly", "film photograph, Kodak Portra 400", "children's book illustration",
]  # fmt: skip
DETAILS = [
    "at golden hour", "in heavy rain", "under the northern lights", "in soft morning fog", "at dusk",
    "with volumetric light", "on a pastel background", "with dramatic shadows", "in the snow",
    "at night with neon reflections", "with a shallow depth of field", "in spring with cherry blossoms",
]  # fmt: skip
ZH_SUBJECTS = [
    "海边的灯塔", "一只红狐狸", "山间的小村庄", "竹林中的茶馆", "赛博朋克街道", "宇航员", "锦鲤池塘",
    "古风少女", "水墨山水", "熊猫吃竹子", "雪中的寺庙", "霓虹灯下的餐馆", "纸鹤", "陶瓷花瓶", "帆船",
]  # fmt: skip
ZH_STYLES = [
    "水彩画",
    "油画",
    "工笔画",
    "国潮插画",
    "电影感",
    "赛璐璐动画风格",
    "摄影作品",
    "剪纸风格",
    "三维渲染",
]
ZH_DETAILS = [
    "黄昏时分",
    "细雨中",
    "晨雾弥漫",
    "北极光下",
    "樱花盛开",
    "金色阳光",
    "夜晚",
    "柔和的光线",
    "高细节",
]


def prompt(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.25:
        text = f"{rng.choice(ZH_SUBJECTS)}，{rng.choice(ZH_STYLES)}，{rng.choice(ZH_DETAILS)}"
        if rng.random() < 0.3:
            text += f"，{rng.choice(ZH_DETAILS)}"
        return text
    parts = [rng.choice(SUBJECTS), rng.choice(DETAILS), rng.choice(STYLES)]
    if rng.random() < 0.5:
        parts.append(rng.choice(DETAILS))
    if kind > 0.85:
        parts.append(rng.choice(ZH_SUBJECTS))  # mixed-language prompts happen
    if rng.random() < 0.3:
        parts.append(f"highly detailed, {rng.randint(2, 9)} colours, seed variation {rng.randint(1, 999)}")
    return ", ".join(parts)


def _photo_like(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Soft shapes, sharp strokes and fine grain: encodes to the sizes generated 2K images have
    (JPEG q92 ≈ 0.8 MB, PNG ≈ 5 MB, WEBP q90 ≈ 0.45 MB), unlike flat colour or pure noise."""
    w, h = size
    small = Image.new("RGB", (w // 16, h // 16))
    draw = ImageDraw.Draw(small)
    for _ in range(40):
        x, y = rng.randrange(w // 16), rng.randrange(h // 16)
        r = rng.randrange(4, 40)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    image = small.filter(ImageFilter.GaussianBlur(6)).resize(size, Image.Resampling.BICUBIC)
    strokes = ImageDraw.Draw(image)
    for _ in range(300):
        x, y = rng.randrange(w), rng.randrange(h)
        end = (x + rng.randrange(-200, 200), y + rng.randrange(-200, 200))
        colour = tuple(rng.randrange(256) for _ in range(3))
        strokes.line((x, y, *end), fill=colour, width=rng.randrange(1, 4))
    grain = Image.effect_noise(size, 20).convert("RGB")
    return Image.blend(image, grain, 0.10)


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPG":
        image.save(out, "JPEG", quality=92)
    elif fmt == "PNG":
        image.save(out, "PNG", compress_level=6)
    else:
        image.save(out, "WEBP", quality=90)
    return out.getvalue()


def bases(folder: Path) -> dict[str, list[tuple[tuple[int, int], bytes]]]:
    """The encoded base images, cached in ``folder/bases``."""
    rng = random.Random(7)
    out: dict[str, list[tuple[tuple[int, int], bytes]]] = {}
    for fmt, _ in FORMATS:
        for size in BASE_SIZES:
            cached = folder / "bases" / f"{size[0]}x{size[1]}.{fmt.lower()}"
            if not cached.exists():
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_bytes(_encode(_photo_like(size, rng), fmt))
            out.setdefault(fmt, []).append((size, cached.read_bytes()))
    return out


def records(count: int, seed: int = 1) -> Iterator[tuple[str, GenerationRecord]]:
    """``count`` (format, record) pairs: spread over two years, some with references, some edits."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    recent: list[str] = []
    for i in range(count):
        fmt = rng.choices([f for f, _ in FORMATS], [w for _, w in FORMATS])[0]
        width, height = BASE_SIZES[i % len(BASE_SIZES)]
        preset = by_dimensions(width, height)
        image_uuid = str(uuid.UUID(int=rng.getrandbits(128)))
        created = start + timedelta(seconds=int(i * (2 * 365 * 86400 / max(count, 1))) + rng.randrange(60))
        rec = GenerationRecord(
            prompt=prompt(rng),
            width=width,
            height=height,
            format=fmt,
            size_key=preset.key if preset else None,
            seed=rng.randrange(2**31),
            cost=0.03,
            task_uuid=str(uuid.UUID(int=rng.getrandbits(128))),
            image_uuid=image_uuid,
            created=created.isoformat().replace("+00:00", "Z"),
            references=[
                ReferenceRecord(name=f"ref{n}.png", sha256=f"{n:064x}")
                for n in range(rng.choice((0, 0, 0, 1, 3)))
            ],
            parent=ParentImage(image_uuid=rng.choice(recent)) if recent and rng.random() < 0.1 else None,
        )
        recent = ([*recent, image_uuid])[-50:]
        yield fmt, rec


def file_name(i: int, fmt: str) -> str:
    # Dated folders of 500, like a library filled over months.
    return f"{i // 500:03d}/img-{i:06d}.{'jpg' if fmt == 'JPG' else fmt.lower()}"


def make(count: int, folder: Path = DEFAULT_FOLDER) -> Path:
    """A library of ``count`` files in ``folder/library-<count>`` (reused when already complete)."""
    library = folder / f"library-{count}"
    done = library / ".complete"
    if done.exists():
        return library
    encoded = bases(folder)
    for i, (fmt, rec) in enumerate(records(count)):
        data, size = next((data, s) for s, data in encoded[fmt] if s == (rec.width, rec.height))
        del size
        path = library / file_name(i, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(embed(data, fmt, rec))
    done.write_text(str(count))
    return library


if __name__ == "__main__":
    import sys
    import time

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    t0 = time.perf_counter()
    where = make(n)
    print(f"{n} files in {where} ({time.perf_counter() - t0:.1f} s)")
