"""What every stage shares and nothing else: the typed model of a catalogue (``model``),
problems as ``path:line: message`` (``problems``), ids (``ids``), German text folded for ids,
search and comparison (``text``), the catalogue's configuration (``config``) and escaping for
the contexts content lands in (``escape``). Imports nothing from the other stages.
"""
