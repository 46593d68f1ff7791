"""The rule language compliance staff write in ``kb/rules/*.yaml`` (Qt-free).

One matcher serves the phrase linter (``kb/rules/lint/*.yaml``), the required disclosures
(``kb/rules/disclosures.yaml``) and the complaint risk cues (``kb/rules/risk.yaml``):

- a *pattern* is one or more *sequences*; a sequence is a list of *parts* that must occur in
  order, each within ``window`` characters of the previous one, never across a clause
  boundary (。！？；, a line break, and — unless the rule says ``span: sentence`` — a comma);
- a *part* is a literal (``验证码``), alternatives (``保证|确保|担保``), a word class from
  ``kb/rules/lexicon.yaml`` (``$索要``) or a built-in class (``$数字``, ``$金额``, ``$百分比``);
  a ``+`` in front (``+$数字``) means "directly after the previous part";
- ``unless`` lists patterns that cancel a match they overlap (LanguageTool's antipatterns);
- *scope rules* (negation, the agent warning the customer, reported speech, statements of a
  rule, questions) decide when a match does not count; each rule opts in or out of each.

Matching is linear in the length of the text: all literals of all rules are found in one
Aho-Corasick pass (pyahocorasick), built-in classes by simple regular expressions without
nested repetition, and sequences are joined by dynamic programming over bounded windows.
"""

from assist.core.rulelang.engine import Candidate, Matcher
from assist.core.rulelang.lexicon import Lexicon, load_lexicon
from assist.core.rulelang.scope import SCOPES, Scope, ScopeCues
from assist.core.rulelang.spec import Part, Pattern, Sequence, SpecReader

__all__ = ["SCOPES", "Candidate", "Lexicon", "Matcher", "Part", "Pattern", "Scope", "ScopeCues", "Sequence",
           "SpecReader", "load_lexicon"]
