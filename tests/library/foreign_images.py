"""Tiny images carrying the records other AI tools write (ComfyUI, InvokeAI, Fooocus, NovelAI, A1111, XMP)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, PngImagePlugin

from seedream_desktop.library.metadata.exif import user_comment


def png(path: Path, texts: dict[str, str], color: tuple[int, int, int] = (10, 20, 30)) -> Path:
    info = PngImagePlugin.PngInfo()
    for key, value in texts.items():
        info.add_text(key, value)
    Image.new("RGB", (8, 8), color).save(path, "PNG", pnginfo=info, compress_level=1)
    return path


def comfy_api(prompt: str, seed: int) -> dict[str, str]:
    graph = {
        "3": {"class_type": "KSampler", "inputs": {"seed": seed, "steps": 20, "positive": ["6", 0],
                                                    "negative": ["7", 0], "model": ["4", 0]}},
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sdxl.safetensors"}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": ["10", 0], "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry, ugly", "clip": ["4", 1]}},
        "10": {"class_type": "PrimitiveString", "inputs": {"value": prompt}},
    }  # fmt: skip
    return {"prompt": json.dumps(graph), "workflow": json.dumps({"nodes": [], "links": []})}


def comfy_workflow(prompt: str, seed: int) -> dict[str, str]:
    workflow = {
        "nodes": [
            {"id": 7, "type": "CLIPTextEncode", "widgets_values": ["text, watermark"]},
            {"id": 6, "type": "CLIPTextEncode", "widgets_values": [prompt]},
            {"id": 3, "type": "KSampler", "widgets_values": [seed, "randomize", 20, 8, "euler"],
             "inputs": [{"name": "model", "link": 1}, {"name": "positive", "link": 4}, {"name": "negative", "link": 6}]},
        ],
        "links": [[4, 6, 0, 3, 1, "CONDITIONING"], [6, 7, 0, 3, 2, "CONDITIONING"]],
    }  # fmt: skip
    return {"workflow": json.dumps(workflow)}


def invokeai(prompt: str, seed: int) -> dict[str, str]:
    data = {"positive_prompt": prompt, "negative_prompt": "", "seed": seed, "width": 8, "height": 8,
            "model": {"name": "stable-diffusion-xl-base-1-0"}, "generation_mode": "sdxl_txt2img"}  # fmt: skip
    return {"invokeai_metadata": json.dumps(data)}


def invokeai2(prompt: str, seed: int) -> dict[str, str]:
    data = {
        "model_weights": "stable-diffusion-1.5",
        "image": {"prompt": [{"prompt": prompt, "weight": 1.0}], "seed": seed},
    }
    return {"sd-metadata": json.dumps(data), "Dream": f'"{prompt}" -s 50 -S {seed}'}


def invokeai1(prompt: str, seed: int) -> dict[str, str]:
    return {"Dream": f'"{prompt}" -s 50 -W 512 -H 512 -C 7.5 -A k_lms -S {seed}'}


def fooocus(prompt: str, seed: int) -> dict[str, str]:
    data = {"Prompt": prompt, "Negative Prompt": "", "Seed": str(seed), "Resolution": "(1152, 896)",
            "Base Model": "juggernautXL_v8Rundiffusion", "Version": "Fooocus v2.5.3"}  # fmt: skip
    return {"parameters": json.dumps(data), "fooocus_scheme": "fooocus"}


def novelai(prompt: str, seed: int) -> dict[str, str]:
    comment = {"prompt": prompt, "steps": 28, "seed": seed, "uc": "lowres", "width": 832, "height": 1216}
    return {"Title": "NovelAI generated image", "Description": prompt, "Software": "NovelAI",
            "Source": "NovelAI Diffusion V3 C1E7C6D5", "Comment": json.dumps(comment)}  # fmt: skip


def a1111(prompt: str, seed: int) -> dict[str, str]:
    return {
        "parameters": f"{prompt}\nNegative prompt: ugly\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: {seed}"
    }


def xmp_description(prompt: str, _seed: int) -> dict[str, str]:
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt>'
        f'<rdf:li xml:lang="x-default">{escape(prompt)}</rdf:li></rdf:Alt></dc:description>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    return {"XML:com.adobe.xmp": packet}


# name → (texts maker, whether the seed is recorded)
MAKERS: dict[str, tuple[Callable[[str, int], dict[str, str]], bool]] = {
    "comfyui": (comfy_api, True),
    "comfyui-workflow": (comfy_workflow, True),
    "invokeai": (invokeai, True),
    "invokeai2": (invokeai2, True),
    "invokeai1": (invokeai1, True),
    "fooocus": (fooocus, True),
    "novelai": (novelai, True),
    "a1111": (a1111, True),
    "xmp": (xmp_description, False),
}


def fooocus_jpeg(path: Path, prompt: str, seed: int) -> Path:
    """Fooocus's JPEG: its JSON in EXIF UserComment."""
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = user_comment(fooocus(prompt, seed)["parameters"])
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, "JPEG", exif=exif.tobytes())
    path.write_bytes(out.getvalue())
    return path


def comfy_exif(path: Path, prompt: str, seed: int, fmt: str = "WEBP", *, graph: str | None = None) -> Path:
    """ComfyUI's SaveAnimatedWEBP (comfy_extras/nodes_images.py): "prompt:<graph>" in IFD0 Model
    (0x0110), "workflow:<graph>" in Make (0x010F)."""
    texts = comfy_api(prompt, seed)
    exif = Image.Exif()
    exif[0x0110] = "prompt:" + (texts["prompt"] if graph is None else graph)
    exif[0x010F] = "workflow:" + texts["workflow"]
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (4, 5, 6)).save(out, fmt, exif=exif)
    path.write_bytes(out.getvalue())
    return path


def comfy_user_comment(path: Path, prompt: str, seed: int) -> Path:
    """Save nodes such as ComfyUI_ExtendedImageFormats: {"prompt": …, "workflow": …} in UserComment."""
    texts = comfy_api(prompt, seed)
    data = json.dumps({"prompt": json.loads(texts["prompt"]), "workflow": json.loads(texts["workflow"])})
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = user_comment(data)
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, "JPEG", exif=exif.tobytes())
    path.write_bytes(out.getvalue())
    return path
