"""Complaint intake (Qt-free): taxonomy, form validation, deadlines, risk, storage, audit.

Importing this package is cheap and cannot fail on a half-built feature: names are
resolved lazily from the submodules (``migrations`` is imported by
``assist.core.storage.db`` for every database, so it must stay importable).

UI entry points (see each module):
    model.Complaint, model.FieldError           form dataclass / error
    validation.validate(form), validation.prefill(call_context)
    deadlines.HandlingClock, deadlines.ReviewClock
    lifecycle.transition(...), lifecycle.DecisionNotice
    risk.assess_risk(text)
    repo.save_draft / load_drafts / discard_draft / save_complaint / list_complaints / history
    audit.verify_audit(db)
    protect.reveal(db, complaint_id, field, cipher, actor, reason)   full value, audited
    retention.purge_closed(db, days, mode=, dry_run=)               `assist privacy purge`
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Complaint": "model", "FieldError": "model", "ComplaintError": "model",
    "validate": "validation", "prefill": "validation", "uscc_valid": "validation",
    "HandlingClock": "deadlines", "ReviewClock": "deadlines", "Pause": "deadlines",
    "DeadlineError": "deadlines", "ClockAlert": "deadlines", "rolled_over": "deadlines",
    "transition": "lifecycle", "DecisionNotice": "lifecycle", "TransitionError": "lifecycle",
    "assess_risk": "risk", "RiskResult": "risk", "load_risk_rules": "risk",
    "load_taxonomy": "taxonomy", "Taxonomy": "taxonomy", "TaxonomyError": "taxonomy",
    "next_ticket_no": "tickets",
    "save_draft": "repo", "load_drafts": "repo", "discard_draft": "repo",
    "save_complaint": "repo", "list_complaints": "repo", "history": "repo", "get_complaint": "repo",
    "verify_audit": "audit", "append_audit": "audit",
    "reveal": "protect", "PROTECTED_FIELDS": "protect", "NO_KEYRING_NOTICE": "protect",
    "purge_closed": "retention", "PurgeReport": "retention",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(f"module 'assist.core.complaints' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{mod}"), name)
