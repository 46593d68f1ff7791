"""The intake form's layout (Art 13–14, 17; JR/T 0169-2018): which fields the form shows and
requires for a complainant type, source and institution type, what it starts with, and what it
submits. The panel's form asks these functions; it decides nothing itself.

    data, held = new_form(call_context, policy, now, taxonomy)   # a fresh form (B from the call topic)
    layout = form_layout(fields, data, held, policy)              # shown / required / notes
    record = form_record(fields, values, held, policy)             # what a save submits
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assist.core.complaints.intake import (
    HOTLINE_SOURCE,
    IntakePolicy,
    receipt_is_the_call,
)
from assist.core.complaints.model import documents_needed
from assist.core.complaints.taxonomy import Taxonomy
from assist.core.complaints.topics import TopicMatch
from assist.core.complaints.validation import BANK_ONLY, prefill, required_fields

# The form's sections, in order (their order is the Tab order and the order errors are looked
# at): what a busy agent folds and unfolds at 400 px. A section with no row shown is hidden.
FORM_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("intake", ("source", "received_at", "regulator_ref", "agent_id", "org_unit")),
    ("complainant", ("complainant_type", "complainant_name", "id_doc_type", "id_doc_no", "contact_phone",
                     "contact_address", "relationship", "agent_name", "agent_id_no", "agent_phone", "poa_received",
                     "deceased_name", "heir_proof_received", "org_name", "org_uscc", "org_address", "legal_rep_name",
                     "legal_rep_id_no", "legal_rep_phone", "documents_due_date")),
    ("respondent", ("respondent_org", "respondent_staff", "respondent_staff_unit", "channel_A", "business_B",
                    "business_B_sub", "reason_C", "ins_issue", "ins_line", "product_name", "amount_involved")),
    ("request", ("request", "facts", "basis", "demand_D")),
    ("major", ("handler", "conflict_of_interest", "people_count", "in_person", "arising_event", "regulator_designated",
               "agreed_due_date", "agreement_evidence_ref")),
)
FORM_ORDER: tuple[str, ...] = tuple(f for _key, fields in FORM_SECTIONS for f in fields)

# The rows asked per complainant type (Art 13–14): who the representative is and what proves it.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "本人": (),
    "法定代理人": ("relationship", "agent_name", "agent_id_no", "agent_phone"),
    "委托代理人": ("agent_name", "agent_id_no", "agent_phone", "poa_received"),
    "继承人": ("relationship", "deceased_name", "heir_proof_received"),
    "单位": ("org_name", "org_uscc", "org_address", "legal_rep_name", "legal_rep_id_no", "legal_rep_phone", "poa_received"),
}
TYPE_SPECIFIC = frozenset(f for fs in TYPE_FIELDS.values() for f in fs)
INSURER_ONLY = ("ins_issue", "ins_line")          # the regulator's insurance headings
SETTINGS_HELD = ("agent_id", "org_unit", "received_at")   # filled from the settings and the clock
HIDDEN_HELD = ("call_id",)                       # held with the form, not listed as "held by the bank"
REGULATOR_SOURCE = "监管转办"
# A change of these fields can change the layout (shown rows, required marks, documents).
LAYOUT_FIELDS = frozenset({"complainant_type", "source", "poa_received", "heir_proof_received",
                           "complainant_name", "legal_rep_name"})


def other_class_fields(institution_type: str) -> tuple[str, ...]:
    """The classification fields of the other kind of institution (never shown, never submitted)."""
    return BANK_ONLY if institution_type == "保险" else INSURER_ONLY


@dataclass(frozen=True)
class FormLayout:
    shown: frozenset[str]
    required: frozenset[str]
    documents_pending: tuple[str, ...]   # Art 14 documents still to come (their due date is asked)
    receipt_editable: bool               # a referral, letter or e-mail: the receipt time is typed in
    name_is_contact: bool                # an organisation complains: the name asked is its contact person's
    held: Mapping[str, Any]              # what the bank already holds and the form does not ask again

    def is_shown(self, field: str) -> bool:
        return field in self.shown


def form_layout(fields: Collection[str], values: Mapping[str, Any], held: Mapping[str, Any],
                policy: IntakePolicy) -> FormLayout:
    """The layout of a form showing ``fields`` with ``values`` (the form's current values)."""
    ctype, source = str(values.get("complainant_type") or ""), str(values.get("source") or "")
    institution_type = policy.institution_type
    editable = not receipt_is_the_call(source)
    docs = documents_needed(form_record(fields, values, held, policy))
    type_rows = TYPE_FIELDS.get(ctype, ())
    other = other_class_fields(institution_type)
    shown: set[str] = set()
    for f in fields:
        if f == "regulator_ref":
            visible = source == REGULATOR_SOURCE
        elif f == "received_at":
            visible = editable
        elif f == "documents_due_date":
            visible = bool(docs)
        else:
            visible = f not in held and (f not in TYPE_SPECIFIC or f in type_rows) and f not in other
        if visible:
            shown.add(f)
    required = set(required_fields(ctype, source, institution_type))
    if docs:
        required.add("documents_due_date")
    shown_held = {f: v for f, v in held.items() if f not in HIDDEN_HELD and not (f == "received_at" and editable)}
    return FormLayout(frozenset(shown), frozenset(required), docs, editable, ctype == "单位", shown_held)


def topic_business(context: Mapping[str, Any], policy: IntakePolicy, taxonomy: Taxonomy) -> TopicMatch | None:
    """The business category (B, and a sub-class) the call's topic suggests, from the taxonomy's
    ``topics:`` (data compliance edits); None when no word matches, off a call, or for an insurer
    (insurers classify by issue and line, never by B)."""
    topic = str(context.get("topic") or "").strip()
    if not topic or policy.institution_type == "保险":
        return None
    return taxonomy.business_for_topic(topic)


def new_form(context: Mapping[str, Any], policy: IntakePolicy, now: dt.datetime,
             taxonomy: Taxonomy) -> tuple[dict[str, Any], dict[str, Any]]:
    """A fresh form: prefilled from the call context (Art 13: not asked again) and the settings;
    a hotline complaint's source is the hotline; the business category is suggested by the call's
    topic (:func:`topic_business`; shown and editable, never held). Returns (values, held)."""
    defaults = {"agent_id": policy.agent_id, "org_unit": policy.org_unit, "received_at": now.strftime("%Y-%m-%dT%H:%M")}
    form, held = prefill(dict(context), **{k: v for k, v in defaults.items() if v})
    data = form.to_dict()
    if not data.get("source") and HOTLINE_SOURCE in taxonomy.options("sources"):
        data["source"] = HOTLINE_SOURCE
    suggested = topic_business(context, policy, taxonomy) if not data.get("business_B") else None
    if suggested is not None:
        data["business_B"], data["business_B_sub"] = suggested.business_B, suggested.business_B_sub
    held_values = {f: data[f] for f in (*held, *SETTINGS_HELD) if data.get(f)}
    return data, held_values


def documents_due_default(record: Mapping[str, Any], policy: IntakePolicy) -> str:
    """The documents due date to propose for a form record (:func:`form_record`) when documents
    are pending and none is set ("" = none)."""
    if record.get("documents_due_date") or not documents_needed(dict(record)):
        return ""
    return policy.documents_due(record.get("received_at"))


def form_record(fields: Iterable[str], values: Mapping[str, Any], held: Mapping[str, Any],
                policy: IntakePolicy) -> dict[str, Any]:
    """What the form submits: the rows of the chosen type, what the bank holds, the policy values;
    never the other institution type's classes, nor a documents date when none are pending."""
    ctype = values.get("complainant_type") or ""
    type_rows = TYPE_FIELDS.get(str(ctype), ())
    data = {f: values.get(f) for f in fields if f not in TYPE_SPECIFIC or f in type_rows}
    kept = dict(held)
    if not receipt_is_the_call(str(values.get("source") or "")):
        kept.pop("received_at", None)      # typed in the form: the value shown wins
    data.update(kept)
    data.update(institution_type=policy.institution_type, receipt_day_counts=policy.receipt_day_counts)
    for f in other_class_fields(policy.institution_type):
        data.pop(f, None)
    if not documents_needed(data):
        data.pop("documents_due_date", None)
    received = data.get("received_at")
    if isinstance(received, str) and received and "T" not in received:
        data["received_at"] = received.strip().replace(" ", "T", 1)
    return data
