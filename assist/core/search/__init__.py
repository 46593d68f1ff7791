"""Card search: pure, deterministic, Qt-free. See :class:`SearchEngine`.

``evaluate`` (the function) shadows the submodule name on the package; import the
loaders from :mod:`assist.core.search.evaluate` or from here.
"""

from assist.core.search.engine import SearchEngine
from assist.core.search.evaluate import EvalInputError, evaluate, load_eval_kb, load_queries
from assist.core.search.model import Boosts, Doc, Filters, Hit, docs_from_kb

__all__ = [
    "Boosts", "Doc", "EvalInputError", "Filters", "Hit", "SearchEngine", "docs_from_kb",
    "evaluate", "load_eval_kb", "load_queries",
]
