"""Stage 5 – contributions without Git. Takes the form declarations and a catalogue folder;
gives the GitHub issue-form files (``issue_forms``), reads a form issue back into files
(``issue_body``, ``entry_text``, ``from_issue``) with its attachments (``attachments``) – or
into the edit of an existing profile (``adoption``, „Maßnahme nachgemacht“) –,
the texts of the pull request (``pull_request``), new-entry scaffolds (``scaffold``) and
the removal of the sample catalogue (``sample``).
"""
