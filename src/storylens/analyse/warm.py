"""Importing this module loads the analysis stages and the spaCy model into the process.

It is the fork server's preload (see :mod:`storylens.analyse.parallel`): every worker is
forked from a process that has already done this, so none imports or loads anything. A
model that cannot be loaded is left for the worker's first task to report (as the
:class:`~storylens.errors.ModelError` that names the fix).
"""

from __future__ import annotations

import contextlib

import storylens.analyse.pipeline
import storylens.analyse.segment
import storylens.analyse.tasks  # noqa: F401
from storylens.errors import ModelError
from storylens.models.nlp import get_nlp

with contextlib.suppress(ModelError):
    get_nlp()
