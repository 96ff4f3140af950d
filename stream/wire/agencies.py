"""The news agencies copydesk knows: canonical names and the spellings copy uses for them.

Two lookups, because the contexts differ:

* :func:`canonical` for a field or a list token we already know names a source
  (``copyrightholder``, the ``(AP, AFP)`` of a sign-off): case-insensitive.
* :func:`named_in` for free text in a credit line ("AP writer X contributed"): only the
  exact spellings below, so the name "Sid" or the word "tass" never credits an agency.
"""

from __future__ import annotations

import re

# canonical -> spellings seen in copy (case-sensitive); holder lookups also accept any case.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "ap", "Associated Press", "The Associated Press", "ASSOCIATED PRESS"),
    "AFP": ("AFP", "afp", "Agence France-Presse", "Agence France Presse", "AGENCE FRANCE-PRESSE"),
    "Reuters": ("Reuters", "REUTERS", "reuters", "Reuter", "REUTER", "reuter", "rtr", "RTR",
                "Thomson Reuters"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur", "Deutsche Presse Agentur"),
    "EFE": ("EFE", "efe", "Agencia EFE"),
    "ANSA": ("ANSA", "ansa"),
    "Kyodo": ("Kyodo", "KYODO", "Kyodo News"),
    "Jiji": ("Jiji", "JIJI", "Jiji Press"),
    "Xinhua": ("Xinhua", "XINHUA", "Xinhua News Agency"),
    "PA": ("PA", "Press Association", "PA Media"),
    "UPI": ("UPI", "United Press International"),
    "KNA": ("KNA", "kna", "Katholische Nachrichten-Agentur"),
    "epd": ("epd", "EPD", "Evangelischer Pressedienst"),
    "AAP": ("AAP", "aap", "Australian Associated Press"),
    "Anadolu": ("Anadolu", "Anadolu Agency", "ANADOLU"),
    "TASS": ("TASS", "Tass", "ITAR-TASS"),
    "Interfax": ("Interfax", "INTERFAX"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Yonhap": ("Yonhap", "YONHAP"),
    "APA": ("APA", "apa", "Austria Presse Agentur"),
    "Keystone-SDA": ("Keystone-SDA", "SDA", "sda", "ATS"),
    "Belga": ("Belga", "BELGA"),
    "ANP": ("ANP", "anp"),
    "PAP": ("PAP",),
    "Lusa": ("Lusa", "LUSA"),
    "Europa Press": ("Europa Press",),
    "IRNA": ("IRNA",),
    "PTI": ("PTI",),
    "KCNA": ("KCNA",),
    "SANA": ("SANA",),
    "sid": ("sid", "SID"),
    "Canadian Press": ("Canadian Press", "The Canadian Press"),
}

_EXACT = {spelling: name for name, spellings in SPELLINGS.items() for spelling in spellings}
_BY_KEY = {spelling.casefold(): name for spelling, name in _EXACT.items()}
_LEGAL_SUFFIX = re.compile(r"[\s,]+(?:ltd|limited|inc|plc|gmbh|ag|sa|llc|corp)\.?$", re.I)
# Longest first so "Associated Press" wins over "AP"-like prefixes; hyphen counts as a word char
# so "AP-style" or "ITAR-TASS" pieces do not match on their own.
_SPELLING = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in sorted(_EXACT, key=len, reverse=True)) + r")(?![\w-])"
)

# Words that say "agencies" without naming one: a credit line may carry them, they credit nobody.
FILLERS = frozenset({
    "agencies", "agency reports", "wires", "wire reports", "wire services", "news agencies",
    "agenturen", "agenturmaterial", "agences", "agencias", "staff",
})


def canonical(name: str | None) -> str | None:
    """The canonical agency for a holder or list token, else None.

    >>> canonical("The Associated Press"), canonical("Thomson Reuters"), canonical("DW")
    ('AP', 'Reuters', None)
    >>> canonical("Deutsche Presse-Agentur GmbH")
    'dpa'
    """
    if not name:
        return None
    key = _LEGAL_SUFFIX.sub("", " ".join(name.split())).casefold()
    return _BY_KEY.get(key)


def named_in(text: str) -> set[str]:
    """Canonical agencies whose exact copy spelling occurs in ``text``.

    >>> sorted(named_in("Associated Press writer Sid Smith contributed; with dpa"))
    ['AP', 'dpa']
    """
    return {_EXACT[m.group()] for m in _SPELLING.finditer(text)}


_LIST_LEAD = re.compile(
    r"^(?:with|mit|avec|con|from|von|sources?|quellen?|material|reporting|additional|reports?"
    r"|:|\s)+(?:(?:from|by|von|de)\s+)?",
    re.I,
)
_LIST_SPLIT = re.compile(r"\s*(?:[,/;&+]|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)


def credit_list(text: str) -> tuple[str, ...] | None:
    """The agencies in ``text`` if it is nothing but a credit list, else None.

    A credit list names agencies and may say "with" or "agency reports"; anything else
    (a word that is no agency) means it is copy, not a credit.

    >>> credit_list("(AP, AFP)"), credit_list("with AP, dpa"), credit_list("with agency reports")
    (('AFP', 'AP'), ('AP', 'dpa'), ())
    >>> credit_list("(Reuters Breakingviews)") is None, credit_list("AP and the BBC") is None
    (True, True)
    """
    inner = text.strip().strip("()[]. ")
    if not inner or len(inner) > 100:
        return None
    found: set[str] = set()
    for token in _LIST_SPLIT.split(inner):
        token = _LIST_LEAD.sub("", token).strip(" .:")
        if not token or token.casefold() in FILLERS:
            continue
        name = canonical(token)
        if name is None:
            return None
        found.add(name)
    return tuple(sorted(found))
