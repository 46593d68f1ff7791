"""Complaint intake (Qt-free): taxonomy, form layout and validation, deadlines, risk, storage, audit.

Import the submodule you need; the package itself exports nothing:

    model        Complaint, FieldError, ComplaintError, labels
    form         the intake form's layout: fields shown and required, defaults, what it submits
    validation   validate(form), prefill(call_context)
    intake       IntakePolicy, parse_intake (`assist complaints add`)
    deadlines    the handling and review clocks (Art 18, 21, 25)
    case         what each status change requires and records
    risk / risk_rules   assess_risk(text, facts, rules) with the rules of the active KB
    repo         save_complaint, list_complaints, history, drafts
    audit        the hash-chained audit trail
    protect      reveal a protected field (audited); retention: purge closed records
"""
