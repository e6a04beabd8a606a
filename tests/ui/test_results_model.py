"""ResultModel: placeholders, saved images, progress and errors, checked by QAbstractItemModelTester."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtTest import QAbstractItemModelTester

from seedream_desktop.api.request import GenerationRequest
from seedream_desktop.ui.results.model import ResultModel, Role


@pytest.fixture
def model(qtbot):
    model = ResultModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    yield model
    del tester


def record(prompt: str, seed: int) -> SimpleNamespace:
    return SimpleNamespace(
        prompt=prompt, seed=seed, generation_request=lambda: GenerationRequest(prompt, seed=seed)
    )


def test_a_job_inserts_its_placeholders_in_one_batch_at_the_top(model, qtbot):
    model.add_job("old", GenerationRequest("old"), 1, "done")
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.add_job("new", GenerationRequest("a fox"), 3, "queued")
    assert blocker.args[1:] == [0, 2]
    assert [model.item(r).job_id for r in range(4)] == ["new", "new", "new", "old"]
    assert model.index(0).data(Role.Prompt) == "a fox"
    assert model.index(0).data(Role.State) == "queued"


def test_saved_images_fill_placeholders_and_the_rest_are_dropped_when_done(model, image_files):
    model.add_job("j", GenerationRequest("p"), 3, "generating")
    model.image_saved("j", image_files[0], record("p", 7), "u1")
    model.image_saved("j", image_files[1], record("p", 8), "u2")
    assert model.rowCount() == 3
    model.update_job("j", "done")
    assert model.rowCount() == 2
    assert [model.index(r).data(Role.Path) for r in range(2)] == [str(image_files[0]), str(image_files[1])]
    assert model.index(1).data(Role.Seed) == 8


def test_more_images_than_expected_are_appended_after_the_job(model, image_files):
    model.add_job("j", None, 1, "generating")
    model.image_saved("j", image_files[0], record("p", 1), "u1")
    model.image_saved("j", image_files[1], record("p", 2), "u2")
    assert [model.item(r).slot for r in range(2)] == [0, 1]


def test_a_failed_job_keeps_one_tile_with_the_error(model):
    model.add_job("j", GenerationRequest("p"), 4, "submitted")
    model.update_job("j", "failed", ("NoCredits", "Balance too low.", "Top up."))
    assert model.rowCount() == 1
    assert model.index(0).data(Role.Error) == "Balance too low."
    model.update_job("j", "queued")  # retried
    assert model.index(0).data(Role.Error) is None


def test_download_progress_is_tracked_per_image(model, qtbot):
    model.add_job("j", None, 2, "downloading")
    with qtbot.waitSignal(model.dataChanged):
        model.download_progress("j", "u2", 50, 200)
    assert model.index(0).data(Role.Progress) == (50, 200)
    model.download_progress("j", "u2", 200, 200)
    assert model.item(0).image_uuid == "u2"
    assert model.index(1).data(Role.Progress) == (0, 0)


def test_drag_data_carries_file_urls_and_the_image_bytes(model, image_files):
    model.add_job("j", None, 2, "generating")
    model.image_saved("j", image_files[0], record("p", 1))
    model.image_saved("j", image_files[1], record("p", 2))
    mime = model.mimeData([model.index(0), model.index(1)])
    assert mime.urls() == [QUrl.fromLocalFile(str(p)) for p in image_files[:2]]
    assert bytes(mime.data("image/png").data()) == Path(image_files[0]).read_bytes()


def test_placeholders_cannot_be_dragged(model, image_files):
    model.add_job("j", None, 2, "generating")
    model.image_saved("j", image_files[0], record("p", 1))
    from PySide6.QtCore import Qt

    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(1)) & Qt.ItemFlag.ItemIsDragEnabled


def test_favourite_and_rating(model, image_files):
    model.add_job("j", None, 1, "generating")
    model.image_saved("j", image_files[0], record("p", 1))
    model.set_favourite(0, True)
    model.set_rating(0, 9)
    assert model.index(0).data(Role.Favourite) is True
    assert model.index(0).data(Role.Rating) == 5
