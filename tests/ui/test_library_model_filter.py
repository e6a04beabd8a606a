"""The library's model filter: choosing a model narrows the query to it (Query.models)."""

from __future__ import annotations

from seedream_desktop.api.models import SEEDREAM_45
from seedream_desktop.ui.library.filter_bar import FilterBar


def test_the_model_filter_narrows_the_query(qtbot) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    assert bar.query().models == ()
    with qtbot.waitSignal(bar.queryChanged) as changed:
        bar.models.setCurrentIndex(bar.models.findData(SEEDREAM_45.id))
    assert changed.args[0].models == (SEEDREAM_45.id,)
    bar.models.setCurrentIndex(0)
    assert bar.query().models == ()
