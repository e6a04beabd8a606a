"""What leaves the machine with a reference: the pixels and the colour profile, nothing about the person.

A phone photo's GPS position, camera serial and owner name, XMP, IPTC, comments and PNG text never reach
the provider; the pixels decode exactly as the original's (no re-encoding where none is needed) and the
ICC profile is kept. Every file is built at test time with Pillow.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from seedream_desktop.api.reference_privacy import without_metadata
from seedream_desktop.api.references import prepare_reference

OWNER = "Jane Q. Owner"
SERIAL = "SN-0047113"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>secret-edit-history</rdf:Description></x:xmpmeta>'
)
PRIVATE = (OWNER.encode(), SERIAL.encode(), b"secret-edit-history", b"Exif\0\0", b"GPS", b"a-comment")


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x013B] = OWNER  # Artist
    exif[0x010F] = "GPS-Phone Maker"
    details = exif.get_ifd(0x8769)
    details[0xA430] = OWNER  # CameraOwnerName
    details[0xA431] = SERIAL  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 22.0, 7.5), "E", (4.0, 53.0, 2.25)
    return exif


def picture(width: int = 64, height: int = 48) -> Image.Image:
    im = Image.new("RGB", (width, height))
    im.putdata([((x * 4) % 256, (y * 5) % 256, (x * y) % 256) for y in range(height) for x in range(width)])
    return im


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGB").tobytes()


def assert_private(data: bytes) -> None:
    leaked = [secret for secret in PRIVATE if secret in data]
    assert not leaked, f"sent along: {leaked}"


def app13_iptc(owner: str) -> bytes:
    """An IPTC block (Photoshop APP13) with a by-line, as a news photo carries it."""
    record = b"\x1c\x02\x50" + struct.pack(">H", len(owner)) + owner.encode()
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\0" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def test_a_phone_jpeg_loses_gps_serial_owner_xmp_iptc_and_comment_but_not_a_pixel(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    picture().save(
        buffer, "JPEG", quality=92, exif=phone_exif(), icc_profile=srgb_icc(), xmp=XMP, comment=b"a-comment"
    )
    original = buffer.getvalue()
    original = original[:2] + app13_iptc(OWNER) + original[2:] + b"trailer after the end: " + OWNER.encode()
    path = tmp_path / "IMG_2041.jpg"
    path.write_bytes(original)
    with Image.open(path) as check:  # the file really holds what a phone writes
        assert check.getexif().get_ifd(0x8825) and SERIAL.encode() in original and XMP in original

    prepared = prepare_reference(path)
    assert prepared.mime == "image/jpeg" and not prepared.converted  # not re-encoded: no generation loss
    assert_private(prepared.data)
    assert pixels(prepared.data) == pixels(original)
    with Image.open(io.BytesIO(prepared.data)) as sent:
        assert sent.info.get("icc_profile") == srgb_icc()
        assert not sent.getexif()
    assert len(prepared.data) < len(original)


def test_a_rotated_phone_photo_is_turned_and_carries_nothing_either(tmp_path: Path) -> None:
    path = tmp_path / "portrait.jpg"
    picture(60, 40).save(path, "JPEG", exif=phone_exif(orientation=6), icc_profile=srgb_icc())
    prepared = prepare_reference(path)
    assert (prepared.width, prepared.height) == (40, 60)
    assert_private(prepared.data)
    with Image.open(io.BytesIO(prepared.data)) as sent:
        assert sent.info.get("icc_profile") == srgb_icc()


def test_a_png_loses_its_text_exif_and_time_but_keeps_pixels_and_profile(tmp_path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", OWNER)
    info.add_text("Comment", "a-comment", zip=True)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode(), zip=True)
    info.add(b"tIME", struct.pack(">HBBBBB", 2026, 5, 1, 12, 0, 0))
    path = tmp_path / "edit.png"
    picture().save(path, "PNG", pnginfo=info, exif=phone_exif(), icc_profile=srgb_icc())
    original = path.read_bytes()

    prepared = prepare_reference(path)
    assert prepared.mime == "image/png" and not prepared.converted
    assert_private(prepared.data)
    assert not {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"} & set(png_chunks(prepared.data))
    assert pixels(prepared.data) == pixels(original)
    with Image.open(io.BytesIO(prepared.data)) as sent:
        assert sent.info.get("icc_profile") == srgb_icc()


def png_chunks(data: bytes) -> list[bytes]:
    kinds, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kinds.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return kinds


def webp_chunks(data: bytes) -> list[bytes]:
    kinds, pos = [], 12
    while pos < len(data):
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        kinds.append(data[pos : pos + 4])
        pos += 8 + size + (size & 1)
    return kinds


def test_a_webp_loses_exif_and_xmp_with_its_header_kept_right(tmp_path: Path) -> None:
    path = tmp_path / "shared.webp"
    picture().save(path, "WEBP", lossless=True, exif=phone_exif(), xmp=XMP, icc_profile=srgb_icc())
    original = path.read_bytes()
    assert {b"EXIF", b"XMP "} <= set(webp_chunks(original))

    prepared = prepare_reference(path)
    assert prepared.mime == "image/webp" and not prepared.converted
    assert_private(prepared.data)
    data = prepared.data
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8  # the RIFF size says the new length
    assert webp_chunks(data)[0] == b"VP8X" and data[20] & 0x0C == 0  # no EXIF or XMP flag left
    assert {b"EXIF", b"XMP "}.isdisjoint(webp_chunks(data))
    assert pixels(data) == pixels(original)
    with Image.open(io.BytesIO(data)) as sent:
        assert sent.info.get("icc_profile") == srgb_icc()


def test_a_converted_tiff_carries_no_exif(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    picture().save(path, "TIFF", exif=phone_exif(), icc_profile=srgb_icc())
    prepared = prepare_reference(path)
    assert prepared.converted
    assert_private(prepared.data)
    with Image.open(io.BytesIO(prepared.data)) as sent:
        assert not sent.getexif() and sent.info.get("icc_profile") == srgb_icc()


def test_a_phone_mpo_sends_only_its_first_picture(tmp_path: Path) -> None:
    path = tmp_path / "depth.jpg"
    first, second = picture(), picture().transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    first.save(path, "MPO", save_all=True, append_images=[second], exif=phone_exif())
    with Image.open(path) as check:
        assert check.format == "MPO"
    prepared = prepare_reference(path)
    assert prepared.mime == "image/jpeg"
    assert_private(prepared.data)
    with Image.open(io.BytesIO(prepared.data)) as sent:
        assert sent.format == "JPEG" and getattr(sent, "n_frames", 1) == 1
        with Image.open(path) as mpo:
            assert sent.convert("RGB").tobytes() == mpo.convert("RGB").tobytes()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_layouts_it_cannot_follow_are_left_to_re_encoding(fmt: str) -> None:
    assert without_metadata(b"not at all a picture", fmt) is None
    assert without_metadata(b"", fmt) is None


@pytest.mark.parametrize(
    "options", [{"progressive": True}, {"restart_marker_blocks": 1}, {"subsampling": 0}], ids=str
)
def test_every_jpeg_layout_keeps_its_pixels(options: dict[str, object]) -> None:
    # Progressive files put tables between scans, restart markers sit inside the scan data: all kept.
    buffer = io.BytesIO()
    picture(300, 200).save(buffer, "JPEG", exif=phone_exif(), **options)
    stripped = without_metadata(buffer.getvalue(), "JPEG")
    assert stripped is not None
    assert_private(stripped)
    assert pixels(stripped) == pixels(buffer.getvalue())
