"""Live guidance for a call (Qt-free): rule files, phrase linter, placeholders, call model."""

from assist.core.guidance.lint import Finding, MissingDisclosure, check_disclosures, lint
from assist.core.guidance.rules import RuleSet, load_rules
from assist.core.yamlfile import RulesError

__all__ = ["Finding", "MissingDisclosure", "RuleSet", "RulesError", "check_disclosures", "lint", "load_rules"]
