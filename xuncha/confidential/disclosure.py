"""The one rule for confidential fields: what of a record a user may read, on every channel.

Row visibility is the permission module's (``restrict``/``can``). Inside a visible row, two
things stay hidden, declared once per model in the owning app's ``rules.py`` with
``confidential(...)``:

* **reporters' identities**: the name, phone, workplace and address of the reporters behind a
  record (its petitions) are replaced by ``〔已隐去〕`` in every text of it that is shown,
  exported or copied into another record (``identity_scrubber``, ``scrub_copy``);
* **restricted fields**: a field shown only to users a predicate allows (the answer given to the
  reporter of an immediate fix, for those who may handle the petition, never the fixing unit).

Every channel asks here: the page (``may_read``, ``identity_scrubber``), the change history
shown on it (``xuncha.audit.history.history_entries``), lists and exports (``row_scrubbers``)
and the domain functions that copy text from one record to another (``scrub_copy``). The audit log holds no
case text at all (``xuncha.audit.domain.record_event`` refuses it).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model

Petitions = Callable[[Model], Iterable]
Reader = Callable[[object, Model], bool]


@dataclass(frozen=True)
class Disclosure:
    petitions: Petitions | None = None
    restricted: dict[str, Reader] = field(default_factory=dict)


_RULES: dict[type[Model], Disclosure] = {}


def confidential(
    model: type[Model], *, petitions: Petitions | None = None, restricted: dict[str, Reader] | None = None
):
    """Declare what of `model` is confidential. `petitions(obj)`: the petitions whose reporters'
    identities are scrubbed from the record's text; `restricted`: field name -> who may read it."""
    if model in _RULES:
        raise RuntimeError(f"{model.__name__} already has a disclosure rule")
    _RULES[model] = Disclosure(petitions=petitions, restricted=dict(restricted or {}))


def rule_for(model: type[Model]) -> Disclosure:
    return _RULES.get(model, Disclosure())


def may_read(user, obj: Model, field_name: str) -> bool:
    """May `user`, who sees `obj`, read its field `field_name`? Unrestricted fields: yes."""
    reader = rule_for(type(obj)).restricted.get(field_name)
    return reader is None or bool(reader(user, obj))


def identity_scrubber(*objs: Model) -> Callable[[str], str]:
    """A function removing the identities of the reporters behind `objs` from any text. The
    identities are opened once, here, and never leave the function."""
    return scrubber_for([p for obj in objs for p in _petitions(obj)])


def row_scrubbers(objs: Iterable[Model]) -> dict[int, Callable[[str], str]]:
    """One scrubber per row of a list or export, all identities opened in one query."""
    from xuncha.petitions.identity import identity_values

    objs = list(objs)
    behind = {obj.pk: _petitions(obj) for obj in objs}
    values = identity_values([p for petitions in behind.values() for p in petitions])
    return {pk: _scrubber(_joined(values, petitions)) for pk, petitions in behind.items()}


def scrubber_for(petitions: Iterable) -> Callable[[str], str]:
    from xuncha.petitions.identity import identity_values

    petitions = list(petitions)
    return _scrubber(_joined(identity_values(petitions), petitions))


def _joined(values: dict, petitions) -> list[str] | None:
    """The identities behind `petitions`, or None when one of them cannot be opened."""
    joined = []
    for petition in petitions:
        if petition is None:  # a record made without a petition
            continue
        found = values.get(petition.pk, [])
        if found is None:
            return None
        joined += found
    return joined


def _petitions(obj: Model) -> list:
    rule = rule_for(type(obj))
    return [] if rule.petitions is None else [p for p in rule.petitions(obj) if p is not None]


def _scrubber(values: list[str] | None) -> Callable[[str], str]:
    from xuncha.petitions.identity import REDACTED

    if values is None:
        return _withheld
    values = sorted(set(values), key=len, reverse=True)
    if not values:
        return _unchanged

    def scrub(text: str) -> str:
        for value in values:
            text = text.replace(value, REDACTED)
        return text

    return scrub


def scrub_copy(text: str, *, petitions: Iterable) -> str:
    """`text` as it is copied from a petition (or a record built on one) into another record:
    without the reporters' identities. Every hand-over, transfer, finding and feedback problem
    built from a petition goes through here."""
    return scrubber_for(petitions)(text)


def _unchanged(text: str) -> str:
    return text


def _withheld(text: str) -> str:
    """A reporter's identity cannot be opened, so it cannot be taken out of the text: show none."""
    from django.utils.translation import gettext

    return gettext("(withheld: the reporter's identity cannot be checked on this server)") if text else text
