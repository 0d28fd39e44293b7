"""Personal data in free text: e-mail addresses and phone numbers.

The catalogue publishes a contact only where a library consented to it: the role address
in its profile's ``contact`` with ``public: true``. An address or number written into a
summary, a measure's text, a portrait or a collaboration text would bypass that consent,
so validation, ``catalogue from-issue`` and the submission form all refuse it.

The patterns are written in the part of regular-expression syntax that Python and
JavaScript read alike (no shorthand classes, no look-behind): the form's script compiles the
same text (``submit_page.submit_data``) and counts digits as ``phone_numbers`` does.
"""

from __future__ import annotations

import re

EMAIL_IN_TEXT = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# A number that starts like a German or international phone number (0211 …, +49 …, 0049 …)
# and goes on in digits, spaces, brackets, slashes or hyphens; dates (01.02.2024) and decimal
# numbers (0,5) do not start like one.
PHONE_IN_TEXT = r"(?:\+[1-9]|00[1-9]|0[1-9])[0-9 ()/-]{5,24}[0-9]"
PHONE_DIGITS = (7, 15)  # a candidate is a phone number with this many digits (ITU E.164: ≤ 15)
# Where a consented address belongs: the end of every message about personal data.
WHERE_CONTACT_BELONGS = (
    "Persönliche Daten gehören nicht in freie Texte. Eine Funktionsadresse, die veröffentlicht "
    "werden darf, steht im Bibliotheksprofil unter „contact“ (mit „public: true“); die Seiten "
    "der Maßnahmen zeigen sie unter „Kontakt aufnehmen“."
)

_EMAIL = re.compile(EMAIL_IN_TEXT)
_PHONE = re.compile(PHONE_IN_TEXT)
# What a number that merely continues another one follows: „ISBN 3-0123…“, „1,0123…“.
BEFORE_PHONE = re.compile(r"[0-9A-Za-z.,-]")
BODY_PROSE = "im Text der Maßnahme"  # how messages name a measure's Markdown text


def email_addresses(text: str) -> list[str]:
    """The e-mail addresses in ``text``."""
    return _EMAIL.findall(text)


def phone_numbers(text: str) -> list[str]:
    """The phone numbers in ``text``: candidates with 7 to 15 digits that do not continue a
    word or number (:data:`BEFORE_PHONE`)."""
    low, high = PHONE_DIGITS
    found = []
    for match in _PHONE.finditer(text):
        start = match.start()
        if start and BEFORE_PHONE.match(text, start - 1):
            continue
        number = match.group().strip()
        if low <= sum(char.isdigit() for char in number) <= high:
            found.append(number)
    return found


def personal_data(text: str) -> list[tuple[int, str]]:
    """(line within ``text`` counted from 1, what was found: „E-Mail-Adresse „…““) for every
    address and number."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        found += [(number, f"E-Mail-Adresse „{address}“") for address in email_addresses(line)]
        found += [(number, f"Telefonnummer „{phone}“") for phone in phone_numbers(line)]
    return found


def personal_data_message(found: str, where: str) -> str:
    """The message for one find; ``where`` names the text („in der Zusammenfassung“)."""
    return f"{found} {where}. {WHERE_CONTACT_BELONGS}"
