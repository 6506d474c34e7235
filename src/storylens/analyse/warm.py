"""Importing this module loads the analysis stages and the spaCy model into the process, and
analyses one short sample article.

It is the fork server's preload (see :mod:`storylens.analyse.parallel`): every worker is
forked from a process that has already done this, so none imports or loads anything. The
sample builds, once for all the workers, what the stages make on their first article
(compiled patterns, tables, modules imported on first use), which otherwise each worker's
first task would build again. A model that cannot be loaded is left for the worker's
first task to report (as the :class:`~storylens.errors.ModelError` that names the fix).
"""

from __future__ import annotations

import contextlib
import logging

import storylens.analyse.pipeline
import storylens.analyse.segment  # noqa: F401
from storylens.analyse.parallel import one_blas_thread
from storylens.analyse.tasks import segment_one
from storylens.errors import ModelError
from storylens.models.nlp import get_nlp
from storylens.settings import Settings
from storylens.types import Article

SAMPLE = Article(
    id="storylens-warm-up",
    outlet="Warm-up",
    title="Council approves the budget",
    text=(
        "PORTVILLE (Reuters) - The city council approved a $4 million budget for new schools "
        "on Monday, according to Mayor Ann Lee, who called it a fair deal.\n\n"
        '"We will open two schools by March 2026," Lee told reporters. Critics said the '
        "plan may cost more than expected, and the opposition leader, Tom Berg, claimed "
        "that the vote was rushed, which the council denies.\n\n"
        "Officials expect the first classes to start next year, the education office said."
    ),
)

log = logging.getLogger(__name__)

one_blas_thread()
with contextlib.suppress(ModelError):
    get_nlp()
    try:
        segment_one(SAMPLE, Settings(n_process=1))
    except Exception as exc:  # the same failure is reported by the task that meets it
        log.debug("warm-up analysis failed: %s", exc)
