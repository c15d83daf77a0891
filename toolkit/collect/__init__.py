"""Collect published reports from government web pages (or saved copies) into the corpus:
polite fetching, attachments, the genre check, duplicates, provenance, resumable runs.

    from toolkit.collect import Collector, CollectConfig
    with CorpusStore() as store:
        result = Collector(store, CollectConfig(follow_list=True)).run([column_url])
"""

from .config import CollectConfig
from .pipeline import STATUSES, Collector, CollectResult
from .process import Merge, Outcome
from .sources import read_url_list
from .state import CollectState
from .summary import collection_frame, summary_by

__all__ = [
    "STATUSES",
    "CollectConfig",
    "CollectResult",
    "CollectState",
    "Collector",
    "Merge",
    "Outcome",
    "collection_frame",
    "read_url_list",
    "summary_by",
]
