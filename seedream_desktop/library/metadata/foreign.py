"""Records other AI image tools embed: ComfyUI, InvokeAI, Fooocus, NovelAI (read, never written).

So a designer's older AI images are searchable in the same library, their prompt (and seed, model and
size where the record holds them) is taken from what each tool writes:

- ComfyUI: PNG text ``prompt`` (the API graph: the positive input of a sampler, followed to the text
  of its CLIPTextEncode node, and the sampler's seed) or else ``workflow`` (the editor's graph); in
  WEBP/JPEG the same two as ``prompt:``/``workflow:`` EXIF texts (exif.read_comfy_texts) or as one
  JSON object in the EXIF UserComment.
- InvokeAI: ``invokeai_metadata`` (3.x+: ``positive_prompt``, ``seed``), ``sd-metadata`` (2.x) and
  ``Dream`` (1.x command line).
- Fooocus: its JSON ``parameters`` (PNG text, or EXIF UserComment in JPEG/WEBP).
- NovelAI: ``Comment`` (JSON with ``prompt`` and ``seed``), else ``Description`` when ``Software``
  is NovelAI.

Every text here is already bounded (found.py's 256 KiB cap). A record that is not what it claims
(broken JSON, links in a loop, wrong types) gives None and the caller counts it as damaged.
"""

from __future__ import annotations

import json
import re
from typing import Any

from seedream_desktop.library.record import GenerationRecord, Source, _whole

# The PNG text keywords read for these tools (png.py reads them besides our own).
FOREIGN_KEYS = (b"prompt", b"workflow", b"invokeai_metadata", b"sd-metadata", b"Dream", b"Comment",
                b"Description", b"Software", b"Source")  # fmt: skip
DEEPEST_LINK = 16  # node links followed from a sampler to its text: a loop or a long chain stops here
# InvokeAI 1.x: "the prompt" -s 50 -S 42 …; the prompt's own quotes are not escaped, so it runs to the
# last quote that switches (or the end) follow.
_DREAM = re.compile(r'"(.*)"(?=\s+-|\s*$)', re.S)
_DREAM_SEED = re.compile(r"\s-S\s*(\d{1,20})\b")


class NotARecord(ValueError):
    """A foreign record that cannot be read (broken JSON, the wrong shape)."""


def foreign_record(texts: dict[str, str], parameters: str | None) -> GenerationRecord | None:
    """The record from another tool's texts (PNG keyword → text) or Fooocus JSON ``parameters``;
    None when there is none. Raises NotARecord for one that is there but unreadable."""
    if parameters and parameters.lstrip().startswith("{"):
        data = _json(parameters)
        if isinstance(data.get("prompt"), dict) or isinstance(data.get("workflow"), dict):
            # ComfyUI through a JPEG/WEBP save node (ComfyUI_ExtendedImageFormats and the like):
            # {"prompt": <API graph>, "workflow": <editor graph>} in the EXIF UserComment.
            texts = {k: json.dumps(data[k]) for k in ("prompt", "workflow") if isinstance(data.get(k), dict)}
            return foreign_record(texts, None)
        return _fooocus(data)
    if "prompt" in texts or "workflow" in texts:
        found = _comfy_api(_json(texts["prompt"])) if "prompt" in texts else None
        if found is None and "workflow" in texts:
            found = _comfy_workflow(_json(texts["workflow"]))
        if found is not None:
            return found
    if "invokeai_metadata" in texts:
        data = _json(texts["invokeai_metadata"])
        model = data.get("model")
        name = model.get("model_name") or model.get("name") if isinstance(model, dict) else model
        return _record("invokeai", data.get("positive_prompt"), data.get("seed"), name,
                       data.get("width"), data.get("height"))  # fmt: skip
    if "sd-metadata" in texts:
        data = _json(texts["sd-metadata"])
        image = _mapping(data.get("image"))
        prompt = image.get("prompt")
        if isinstance(prompt, list):  # [{"prompt": "...", "weight": 1.0}, …]
            prompt = " ".join(str(p.get("prompt", "")) for p in prompt if isinstance(p, dict))
        return _record("invokeai", prompt, image.get("seed"), data.get("model_weights"),
                       image.get("width"), image.get("height"))  # fmt: skip
    if "Dream" in texts:
        line = texts["Dream"].strip()
        match = _DREAM.match(line)
        if match is None:
            raise NotARecord("an InvokeAI Dream line without a quoted prompt")
        seed = _DREAM_SEED.search(line, match.end())
        return _record("invokeai", match[1], int(seed[1]) if seed else None)
    if "Comment" in texts and texts["Comment"].lstrip().startswith("{"):
        data = _json(texts["Comment"])
        if "prompt" in data:
            return _record("novelai", data.get("prompt"), data.get("seed"), texts.get("Source"),
                           data.get("width"), data.get("height"))  # fmt: skip
    if texts.get("Software", "").startswith("NovelAI") and texts.get("Description"):
        return _record("novelai", texts["Description"], None, texts.get("Source"))
    return None


def _json(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise NotARecord("not JSON") from None
    if not isinstance(data, dict):
        raise NotARecord("not a JSON object")
    return data


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _record(
    source: Source,
    prompt: object,
    seed: object = None,
    model: object = None,
    width: object = 0,
    height: object = 0,
) -> GenerationRecord:
    if not isinstance(prompt, str) or not prompt.strip():
        raise NotARecord("no prompt")
    if isinstance(seed, str) and seed.strip().isdigit() and len(seed) <= 20:
        seed = int(seed)
    record = GenerationRecord(app="", model="", model_name=model if isinstance(model, str) else "",
                              prompt=prompt.strip(), format="", source=source)  # fmt: skip
    record.seed = _whole(seed)
    w, h = _whole(width), _whole(height)
    if w and h and 0 < w < 1_000_000 and 0 < h < 1_000_000:
        record.width, record.height = w, h
    return record


def _fooocus(data: dict[str, Any]) -> GenerationRecord:
    lowered = {str(k).lower().replace(" ", "_"): v for k, v in data.items()}
    prompt = lowered.get("full_prompt") or lowered.get("prompt")
    if isinstance(prompt, list):
        prompt = ", ".join(p for p in prompt if isinstance(p, str))
    size = lowered.get("resolution")
    width = height = 0
    if isinstance(size, str) and (m := re.fullmatch(r"\(?\s*(\d{1,6})\s*[,x×]\s*(\d{1,6})\s*\)?", size)):
        width, height = int(m[1]), int(m[2])
    return _record("fooocus", prompt, lowered.get("seed"), lowered.get("base_model"), width, height)


# ---- ComfyUI -----------------------------------------------------------------------------------------
def _comfy_api(graph: dict[str, Any]) -> GenerationRecord | None:
    nodes = {str(k): v for k, v in graph.items() if isinstance(v, dict)}
    texts: dict[str, str | None] = {}  # node → the text it leads to (None: being looked at)
    samplers = [n for n in nodes.values() if "Sampler" in str(n.get("class_type", ""))]
    for sampler in samplers:
        inputs = _mapping(sampler.get("inputs"))
        text = _comfy_text(nodes, inputs.get("positive"), DEEPEST_LINK, texts)
        if text:
            seed = _comfy_value(nodes, inputs.get("seed", inputs.get("noise_seed")), DEEPEST_LINK)
            return _record("comfyui", text, seed)
    for key, node in nodes.items():  # no sampler found: the first prompt text there is
        if "TextEncode" in str(node.get("class_type", "")):
            text = _comfy_text(nodes, [key, 0], DEEPEST_LINK, texts)
            if text:
                return _record("comfyui", text)
    return None


TEXT_INPUTS = ("text", "text_g", "positive", "prompt", "string", "value", "conditioning", "conditioning_1")


def _comfy_text(nodes: dict[str, Any], link: object, depth: int, texts: dict[str, str | None]) -> str:
    """The prompt text a link leads to: a text encoder's text (or text_g/text_l), following links
    through conditioning nodes and string primitives. Each node is looked at once (``texts``), so a
    graph whose nodes all link to the next several times over costs its size, not a power of it."""
    if isinstance(link, str):
        return link
    if depth <= 0 or not (isinstance(link, list) and link and isinstance(link[0], str | int)):
        return ""
    key = str(link[0])
    if key in texts:
        return texts[key] or ""  # known, or a loop back to a node being looked at
    texts[key] = None
    inputs = _mapping(_mapping(nodes.get(key)).get("inputs"))
    found = ""
    for name in TEXT_INPUTS:
        if name in inputs:
            found = _comfy_text(nodes, inputs[name], depth - 1, texts)
            if found:
                break
    texts[key] = found
    return found


def _comfy_value(nodes: dict[str, Any], link: object, depth: int) -> object:
    if depth <= 0 or not isinstance(link, list):
        return link
    node = nodes.get(str(link[0])) if link else None
    inputs = node.get("inputs") if isinstance(node, dict) else None
    if not isinstance(inputs, dict):
        return None
    for name in ("seed", "noise_seed", "value", "int"):
        if name in inputs:
            return _comfy_value(nodes, inputs[name], depth - 1)
    return None


def _comfy_workflow(workflow: dict[str, Any]) -> GenerationRecord | None:
    """The editor's graph: nodes with widget values, links as [id, from node, slot, to node, slot, type]."""
    nodes_list = workflow.get("nodes")
    if not isinstance(nodes_list, list):
        raise NotARecord("a ComfyUI workflow without nodes")
    nodes = {n.get("id"): n for n in nodes_list if isinstance(n, dict)}
    links = {
        link[0]: link[1] for link in workflow.get("links") or [] if isinstance(link, list) and len(link) >= 2
    }
    for node in nodes.values():
        if "Sampler" not in str(node.get("type", "")):
            continue
        for slot in node.get("inputs") or []:
            if isinstance(slot, dict) and slot.get("name") == "positive":
                source = nodes.get(links.get(slot.get("link")))
                text = _widget_text(source)
                if text:
                    values = node.get("widgets_values")
                    seed = values[0] if isinstance(values, list) and values else None
                    return _record("comfyui", text, seed)
    for node in nodes.values():
        if "TextEncode" in str(node.get("type", "")) and (text := _widget_text(node)):
            return _record("comfyui", text)
    return None


def _widget_text(node: object) -> str:
    values = node.get("widgets_values") if isinstance(node, dict) else None
    if isinstance(values, list):
        return next((v for v in values if isinstance(v, str) and v.strip()), "")
    return ""
