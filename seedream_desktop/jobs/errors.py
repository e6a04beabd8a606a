"""Failures the job pipeline itself reports (beside api/errors.py), marked for translation the same way."""

from __future__ import annotations

from seedream_desktop.api.errors import CONTEXT, SeedreamError
from seedream_desktop.i18n import QT_TRANSLATE_NOOP

# getResponse answers that mean "no such task here", not "the task failed". Runware's docs name both.
UNKNOWN_TASK_CODES = frozenset({"invalidtaskuuid", "taskfailedornotfound"})


def is_unknown_task(error: SeedreamError | None) -> bool:
    return error is not None and error.code.lower() in UNKNOWN_TASK_CODES


class TaskUnknown(SeedreamError):
    """The API answered a poll with "unknown task": not a failure of the generation, so never re-sent."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "Runware does not know this job's task ({detail}).")
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT,
        "The images that arrived are kept; the job is asked for again the next time the app connects "
        "to the same API.",
    )


class InlineResults(SeedreamError):
    """Results sent inside the answer (base64Data, dataURI) cannot be fetched again after a crash."""

    template = QT_TRANSLATE_NOOP(
        CONTEXT, "Jobs need their results as links (outputType URL), not as {output_type}."
    )
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "Ask for URL results: a link can be downloaded again after a crash, inline data cannot."
    )
    exit_code = 2


class OtherApi(SeedreamError):
    """A job was sent to another API than the one connected now: only that API has its task."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "This job was sent to {api_url}; connect to that API to retry it.")
    exit_code = 2
