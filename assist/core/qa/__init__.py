"""事后监督 on the branch PC: the after-call quality check (Qt-free).

- ``rubric``   ``kb/rules/qa.yaml``: items, weights, red lines, explaining cards, example calls
- ``assess``   a recorded call against the rubric → score, verdict, findings
- ``fixtures`` the rubric's example calls played on a real ``Call`` (``assist kb check`` runs them)
- ``store``    results in the panel database, the ``call`` record for head office (masked)
"""

from assist.core.qa.assess import CallRecord, QaContext, QaFinding, QaResult, assess
from assist.core.qa.rubric import Rubric, RubricItem, load_rubric

__all__ = ["CallRecord", "QaContext", "QaFinding", "QaResult", "Rubric", "RubricItem", "assess", "load_rubric"]
