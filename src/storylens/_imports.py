"""Optional imports that must not swallow Ctrl-C."""

from __future__ import annotations


def keep_interrupt(exc: ImportError) -> None:
    """Raise :class:`KeyboardInterrupt` again if ``exc`` only wraps one.

    An extension module whose initialisation is interrupted (Ctrl-C while onnxruntime's
    pybind11 module loads, say) reports ``ImportError: initialization failed`` caused by the
    KeyboardInterrupt; code that treats ImportError as "package missing" would otherwise
    carry on as if the user had not pressed Ctrl-C.
    """
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            raise KeyboardInterrupt from exc
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
