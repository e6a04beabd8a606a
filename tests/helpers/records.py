"""A generation record as the saver writes it, for metadata tests."""

from __future__ import annotations

from seedream_desktop.api.request import GenerationRequest, ReferenceImage
from seedream_desktop.api.sizes import by_key
from seedream_desktop.library.record import (
    GenerationRecord,
)

PROMPT = "一只橘猫坐在红色沙发上, warm light: 35mm"


def make_record(**changes: object) -> GenerationRecord:
    request = GenerationRequest(
        prompt=PROMPT,
        size=by_key("2K-16:9"),  # type: ignore[arg-type]
        references=(
            ReferenceImage("/home/me/refs/sofa.png", sha256="a" * 64, library_path="2026-11-20/sofa.png"),
            ReferenceImage("data:image/png;base64," + "QUJD" * 5000, sha256="b" * 64),
            ReferenceImage("https://example.com/cat.jpg"),
            ReferenceImage("3f8e4c1a-5b7d-4e2f-9a1c-0d6b8e7f5a2c"),
        ),
        max_sequential_images=4,
        seed=1234,
        extra={"blob": "x" * 100_000},
    )
    record = GenerationRecord.from_generation(
        request,
        task_uuid="0b7f2c57-94a3-4c2b-8f83-5c2b0a3e9d11",
        image_uuid="6a1d3c44-2f7b-4e90-b4c8-1f2e3d4c5b6a",
        seed=1234,
        cost=0.03,
        width=2560,
        height=1440,
        format="png",
        sequence_index=2,
        sequence_total=4,
        parent={"image_uuid": "p-uuid", "content_id": "cid-1", "path": "2026-11-20/a.png", "extra": 1},
    )
    for key, value in changes.items():
        setattr(record, key, value)
    return record
