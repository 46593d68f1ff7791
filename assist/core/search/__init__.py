"""Card search: pure, deterministic, Qt-free. See :class:`SearchEngine`."""

from assist.core.search.engine import SearchEngine
from assist.core.search.model import Boosts, Doc, Filters, Hit, docs_from_kb

__all__ = ["Boosts", "Doc", "Filters", "Hit", "SearchEngine", "docs_from_kb", "evaluate"]


def __getattr__(name: str):  # evaluate pulls in JSON loading; import lazily
    if name in ("evaluate", "load_eval_kb", "load_queries", "EvalInputError"):
        from assist.core.search import evaluate as _ev

        return getattr(_ev, name)
    raise AttributeError(name)
