"""The emulated Runware service: tasks, generations, uploads and stored images, all in memory (bounded)."""

from __future__ import annotations

import base64
import hashlib
import random
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from seedream_desktop.api.models import DEFAULT_MODEL, model_by_id
from seedream_desktop.emulator import faults
from seedream_desktop.emulator.painter import Painter, Picture
from seedream_desktop.emulator.references import (
    image_bytes,
    reference_thumbnails,
)
from seedream_desktop.emulator.region_edit import find_region
from seedream_desktop.emulator.shelf import Shelf, StoredImage
from seedream_desktop.emulator.task import Job, seed_at
from seedream_desktop.emulator.uploads import read_upload
from seedream_desktop.emulator.validation import InferenceOrder, read_inference, task_uuid_of
from seedream_desktop.emulator.wire import CONFLICT_TASK_UUID, CONTENT_POLICY, Rejection, envelope, error

MAX_TASKS = 5_000
MAX_UPLOADS = 500


class Service:
    """Answers task arrays the way Runware does. Thread-safe: HTTP threads and generation workers share it."""

    def __init__(
        self,
        *,
        painter: Painter,
        origin: Callable[[], str],
        clock: Callable[[], float],
        latency: Callable[[], float],
        stopping: threading.Event,
    ) -> None:
        self._painter = painter
        self._origin = origin
        self._clock = clock
        self._latency = latency
        self._stopping = stopping
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._uploads: OrderedDict[str, dict[str, Any]] = OrderedDict()  # taskUUID -> result item
        self._seen: OrderedDict[str, None] = OrderedDict()
        self.shelf = Shelf(painter, clock)
        self._workers: set[threading.Thread] = set()
        self.produced: list[tuple[str, str, str]] = []
        # The gate lets a test hold generation and let images through one at a time.
        self._changed = threading.Condition(self._lock)
        self._paused = False
        self._passes = 0

    # ---- a POST body ---------------------------------------------------------------------------
    def run_batch(
        self, tasks: list[dict[str, Any]], task_fault: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Every task in order; errors stay scoped to their task. Returns (HTTP status, body)."""
        data: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        statuses: list[int] = []
        for task in tasks:
            try:
                found, failed, status = self._run_task(task, task_fault)
            except Rejection as rejection:
                errors.extend(rejection.errors)
                statuses.append(rejection.status)
                continue
            data.extend(found)
            errors.extend(failed)
            if status:
                statuses.append(status)
        status = max(statuses) if statuses and not data else 200
        return status, envelope(data, errors)

    def _run_task(
        self, task: dict[str, Any], task_fault: str | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int | None]:
        kind = task.get("taskType")
        if kind == "authentication":
            return [{"taskType": "authentication", "connectionSessionUUID": str(uuid.uuid4())}], [], None
        if kind == "ping":
            item: dict[str, Any] = {"taskType": "ping", "pong": True}
            if "taskUUID" in task:
                item["taskUUID"] = task["taskUUID"]
            return [item], [], None
        if kind == "imageInference":
            return self._inference(task, task_fault)
        if kind == "getResponse":
            found, failed = self._get_response(task_uuid_of(task), task_fault)
            return found, failed, None
        if kind in ("imageUpload", "mediaStorage"):
            return [self._upload(task)], [], None
        raise Rejection(
            400,
            [
                error(
                    "unsupportedTaskType",
                    f"Unsupported taskType {kind!r}.",
                    parameter="taskType",
                    task_type=str(kind),
                    task_uuid=task.get("taskUUID"),
                )
            ],
        )

    # ---- imageInference ------------------------------------------------------------------------
    def _inference(
        self, task: dict[str, Any], task_fault: str | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int | None]:
        order = read_inference(task)
        thumbs = reference_thumbnails(order.references, self.shelf.lookup, self._origin(), order.task_uuid)
        job = Job(order, thumbs, order.seed if order.seed is not None else random.randint(1, 2**31 - 1))
        if len(order.references) >= 2:
            job.region = find_region(*(self._reference(order, i) for i in (0, 1)))
        if task_fault == "nsfw":
            job.nsfw = True
        elif task_fault == "expire":
            job.expire = True
        elif task_fault == "content-policy":
            job.fail_at, job.failure = 0, faults.task_error(task_fault, order.task_uuid)
        elif task_fault == "provider-timeout":
            # Long tasks deliver their first image before timing out, so data and errors arrive together.
            job.fail_at = 1 if order.image_count > 1 else 0
            job.failure = faults.task_error(task_fault, order.task_uuid)
        self._claim(order.task_uuid, "imageInference")
        with self._lock:
            self._jobs[order.task_uuid] = job
            self._evict(self._jobs, MAX_TASKS)
        if order.delivery == "async":
            worker = threading.Thread(
                target=self._work, args=(job,), name=f"emulator-job-{order.task_uuid[:8]}"
            )
            with self._lock:
                self._workers.add(worker)
            worker.start()
            return [{"taskType": "imageInference", "taskUUID": order.task_uuid}], [], None
        self._generate(job)
        with self._lock:
            items = [self._shown(job, item) for item in job.items]
            failure = dict(job.error) if job.error else None
        if failure is None:
            return items, [], None
        # Content policy refuses the input (400). A provider timeout is the server's failure (500), not a
        # 504 "queue wait exceeded": clients read 504 as "come back later" and would resend the task.
        status = 400 if failure["code"] == CONTENT_POLICY else 500
        return items, [failure], status

    def _claim(self, task_uuid: str, task_type: str) -> None:
        """Refuse a taskUUID seen before: the server already has that task (never run, never bill twice)."""
        with self._lock:
            if task_uuid in self._seen:
                raise Rejection(
                    400,
                    [
                        error(
                            CONFLICT_TASK_UUID,
                            "A task with this taskUUID already exists. Poll it with getResponse.",
                            parameter="taskUUID",
                            task_type=task_type,
                            task_uuid=task_uuid,
                        )
                    ],
                )
            self._seen[task_uuid] = None
            self._evict(self._seen, MAX_TASKS * 20)

    def _work(self, job: Job) -> None:
        try:
            self._generate(job)
        except Exception as exc:  # a worker must never die loudly: the task reports the failure
            with self._changed:
                self._changed.notify_all()
                job.error = error(
                    "internalServerError",
                    f"Generation failed: {exc.__class__.__name__}",
                    task_type="imageInference",
                    task_uuid=job.order.task_uuid,
                )
        finally:
            with self._lock:
                self._workers.discard(threading.current_thread())

    def _generate(self, job: Job) -> None:
        order = job.order
        for index in range(order.image_count):
            if self._stopping.wait(self._latency()):
                return
            with self._changed:
                while self._paused and not self._passes and not self._stopping.is_set():
                    self._changed.wait()
                if self._stopping.is_set() or job.error:
                    return
                if self._paused:
                    self._passes -= 1
                if job.fail_at == index:
                    job.error = job.failure
                    self._changed.notify_all()
                    return
            image, item, digest = self._make(job, index)
            with self._changed:
                if job.error:  # failed by a poll fault while this image was painted: never delivered
                    return
                job.images.append(image)
                job.items.append(item)
                self.produced.append((order.task_uuid, image.image_uuid, digest))
                # Done in the same step as the last image: whoever awaited it sees a finished task.
                job.done = index == order.image_count - 1
                self._changed.notify_all()

    def _make(self, job: Job, index: int) -> tuple[StoredImage, dict[str, Any], str]:
        order = job.order
        seed = seed_at(job.base_seed, index)
        frame = set_seed = None
        if order.sequential:
            first, number = divmod(index, order.sequential)
            frame = (number + 1, order.sequential)
            set_seed = seed_at(job.base_seed, first * order.sequential)
        picture = Picture(
            prompt=order.prompt,
            seed=seed,
            width=order.width,
            height=order.height,
            output_format=order.output_format,
            quality=order.output_quality,
            references=job.thumbs,
            frame=frame,
            set_seed=set_seed,
            edit_base=job.region[0] if job.region else None,
            edit_mask=job.region[1] if job.region else None,
        )
        data = self._painter.paint(picture)
        image_uuid = str(uuid.uuid4())
        now = self._clock()
        image = StoredImage(
            image_uuid,
            picture.extension,
            picture=picture,
            expires_at=now - 1 if job.expire else now + order.ttl,
        )
        item: dict[str, Any] = {
            "taskType": "imageInference",
            "taskUUID": order.task_uuid,
            "imageUUID": image_uuid,
        }
        if order.output_type == "URL":
            item["imageURL"] = f"{self._origin()}/images/{image_uuid}.{picture.extension}"
        elif order.output_type == "base64Data":
            item["imageBase64Data"] = base64.b64encode(data).decode("ascii")
        else:
            item["imageDataURI"] = f"data:{picture.mime};base64,{base64.b64encode(data).decode('ascii')}"
        item["seed"] = seed
        if order.include_cost:
            item["cost"] = (model_by_id(order.model) or DEFAULT_MODEL).price_per_image_usd
        self.shelf.put(image)
        return image, item, hashlib.sha256(data).hexdigest()

    @staticmethod
    def _shown(job: Job, item: dict[str, Any]) -> dict[str, Any]:
        """A result item as sent now: NSFWContent only when safety was asked or content was flagged."""
        if job.order.safety or job.nsfw:
            return {**item, "NSFWContent": job.nsfw}
        return dict(item)

    # ---- getResponse ---------------------------------------------------------------------------
    def _get_response(
        self, task_uuid: str, task_fault: str | None
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Cumulative state: every finished image, one `processing` item while any is pending, errors."""
        with self._lock:
            upload = self._uploads.get(task_uuid)
            if upload is not None:
                return [{**upload, "status": "success"}], []
            job = self._jobs.get(task_uuid)
            if job is None:
                raise Rejection(
                    400,
                    [
                        error(
                            "invalidTaskUUID",
                            "No task with this taskUUID (never submitted, or too old).",
                            parameter="taskUUID",
                            task_type="getResponse",
                            task_uuid=task_uuid,
                        )
                    ],
                )
            self._apply_poll_fault(job, task_fault)
            data = [{**self._shown(job, item), "status": "success"} for item in job.items]
            failed: list[dict[str, Any]] = []
            if job.error:
                failed.append({**job.error, "status": "error"})
            elif not job.done:
                data.append({"taskType": "imageInference", "taskUUID": task_uuid, "status": "processing"})
        return data, failed

    def _apply_poll_fault(self, job: Job, task_fault: str | None) -> None:
        if task_fault == "nsfw":
            job.nsfw = True
        elif task_fault == "expire":
            job.expire = True
            for image in job.images:
                self.shelf.expire(image.image_uuid)
        elif task_fault in ("content-policy", "provider-timeout") and not job.done and not job.error:
            job.error = faults.task_error(task_fault, job.order.task_uuid)
            self._changed.notify_all()

    # ---- imageUpload / mediaStorage ------------------------------------------------------------
    def _reference(self, order: InferenceOrder, index: int) -> bytes | None:
        """A reference's full bytes (already checked readable by reference_thumbnails), None if foreign."""
        try:
            return image_bytes(order.references[index], self.shelf.lookup, self._origin())
        except ValueError:
            return None

    def _upload(self, task: dict[str, Any]) -> dict[str, Any]:
        stored, item = read_upload(task, self.shelf.lookup, self._origin())
        self._claim(item["taskUUID"], item["taskType"])
        with self._lock:
            self.shelf.put(stored)
            self._uploads[item["taskUUID"]] = item
            self._evict(self._uploads, MAX_UPLOADS)
        return item

    # ---- holding generation (tests) -------------------------------------------------------------
    def pause(self) -> None:
        with self._changed:
            self._paused, self._passes = True, 0

    def release(self, images: int = 1) -> None:
        with self._changed:
            self._passes += images
            self._changed.notify_all()

    def resume(self) -> None:
        with self._changed:
            self._paused, self._passes = False, 0
            self._changed.notify_all()

    def produced_so_far(self) -> list[tuple[str, str, str]]:
        with self._lock:
            return list(self.produced)

    def wait_for_images(self, count: int, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: len(self.produced) >= count, timeout)

    def wait_for_task(self, task_uuid: str, timeout: float) -> bool:
        """Block until the task has finished or failed; False on timeout or if it is unknown."""

        def settled() -> bool:
            job = self._jobs.get(task_uuid)
            return job is not None and (job.done or job.error is not None)

        with self._changed:
            return self._changed.wait_for(settled, timeout)

    # ---- lifecycle -----------------------------------------------------------------------------
    def wake(self) -> None:
        """Called once ``stopping`` is set: workers held at the gate notice it at once."""
        with self._changed:
            self._changed.notify_all()

    def join(self, timeout: float = 10.0) -> None:
        """Wait for generation workers (they stop promptly once ``stopping`` is set)."""
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            worker.join(timeout)

    @staticmethod
    def _evict(table: OrderedDict[str, Any], limit: int) -> None:
        while len(table) > limit:
            table.popitem(last=False)
