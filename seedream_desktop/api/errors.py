"""A small, typed taxonomy of everything that can go wrong talking to Runware, in the designer's words.

Each error carries an English message template marked for translation plus its parameters, so the CLI
prints ``str(error)`` and the UI shows ``translate("Errors", error.template).format(**error.params)``.
No message ever contains the API key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from seedream_desktop.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Errors"


class SeedreamError(Exception):
    """Base of every failure the app reports to a person."""

    template: ClassVar[str] = QT_TRANSLATE_NOOP(CONTEXT, "Something went wrong: {detail}")
    # What the person can do about it, shown under the message.
    remedy: ClassVar[str] = ""
    # Safe to send the same task again (the server did not take it, or said "try again").
    retryable: ClassVar[bool] = False
    # CLI exit status (README: 2 invalid input, 3 key or credits, 4 other API/network failure).
    exit_code: ClassVar[int] = 4

    def __init__(
        self,
        detail: str = "",
        *,
        code: str = "",
        parameter: str | None = None,
        status: int | None = None,
        task_uuid: str | None = None,
        **params: Any,
    ) -> None:
        self.detail = detail
        self.code = code
        self.parameter = parameter
        self.status = status
        self.task_uuid = task_uuid
        self.params: dict[str, Any] = {"detail": detail, "parameter": parameter or "", **params}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    def __str__(self) -> str:
        return self.message


class InvalidRequest(SeedreamError):
    """Rejected before anything was sent: the request breaks Seedream 4.0's rules."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "{detail}")
    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        detail = "; ".join(p.message for p in problems)
        super().__init__(detail, code="invalidRequest", parameter=problems[0].field if problems else None)


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule: which field, and what would be allowed."""

    field: str
    template: str
    params: dict[str, Any]

    @property
    def message(self) -> str:
        return self.template.format(**self.params)


class InvalidApiKey(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "Runware did not accept the API key.")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Open Settings and enter a valid key from my.runware.ai.")
    exit_code = 3


class MissingApiKey(InvalidApiKey):
    template = QT_TRANSLATE_NOOP(CONTEXT, "No Runware API key is set.")


class PermissionDenied(InvalidApiKey):
    template = QT_TRANSLATE_NOOP(CONTEXT, "This API key may not use Seedream 4.0.")


class NoCredits(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "Your Runware balance is too low for this generation.")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Top up your credits at my.runware.ai, then retry.")
    exit_code = 3


class RejectedParameter(SeedreamError):
    """The server refused a parameter (a validation error that slipped past our local checks)."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "Runware refused the setting '{parameter}': {detail}")


class RateLimited(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "Runware is busy right now.")
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "The app retries by itself; try again in a minute if it keeps failing."
    )
    retryable = True


class ProviderTimeout(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "Seedream took too long to answer.")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Retry the job; nothing was charged for images that did not arrive.")
    retryable = True


class ContentPolicy(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "The prompt or an image was refused by the content policy.")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Change the prompt or the reference images and try again.")


class TaskConflict(SeedreamError):
    """The server already has a task with this UUID: it was received, so poll for it, never resend."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "Runware already has this job.")


class ServerError(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "Runware had a problem on its side ({detail}).")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Retry the job in a moment.")
    retryable = True


class NetworkError(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "Could not reach Runware: {detail}")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Check your internet connection; queued jobs go out when it is back.")
    retryable = True


class ResultExpired(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "The result link expired before the image was downloaded.")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Runware keeps results for a limited time; generate again.")


class BadImage(SeedreamError):
    """The bytes that arrived are not a complete image of the format that was asked for."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "The image that arrived is damaged ({detail}).")
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Retry the job; the download will be attempted again.")
    retryable = True


class StorageError(SeedreamError):
    """The library folder could not take the file (disk full, read-only, gone)."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "Could not save the image: {detail}")
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT,
        "Free some disk space or choose another library folder; the result is kept and saved on retry.",
    )


class BudgetExceeded(SeedreamError):
    template = QT_TRANSLATE_NOOP(
        CONTEXT,
        "This job (about ${estimate:.2f}) would take today's spend past your budget of ${budget:.2f}.",
    )
    remedy = QT_TRANSLATE_NOOP(CONTEXT, "Raise the budget in Settings or generate fewer images.")
    exit_code = 3


class Cancelled(SeedreamError):
    template = QT_TRANSLATE_NOOP(CONTEXT, "Cancelled.")
    exit_code = 130


class UnusableReply(SeedreamError):
    """The server answered, but with something the app must not use (an unsafe name, a wrong shape)."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "Runware sent a reply the app cannot use ({detail}).")
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "Retry the job; if it keeps happening, check the API URL in Settings."
    )


class UnsafeImageLink(SeedreamError):
    """An image link the app refuses to follow: not https, a private address, credentials, a redirect loop."""

    template = QT_TRANSLATE_NOOP(CONTEXT, "The image link Runware sent was not followed: {detail}.")
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "Retry the job; if it keeps happening, check the API URL in Settings."
    )


class ImageTooLarge(SeedreamError):
    """The image is bigger than any Seedream result can be: refused before (or while) it downloads."""

    template = QT_TRANSLATE_NOOP(
        CONTEXT, "The image Runware sent is larger than {limit_mb} MB, so it was not saved."
    )
    remedy = QT_TRANSLATE_NOOP(
        CONTEXT, "Retry the job; if it keeps happening, check the API URL in Settings."
    )
