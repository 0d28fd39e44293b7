"""Stage 1 – reading. Takes files below the catalogue folder, never following a link, and
gives their text, YAML documents with the line of every value (``yamldoc``) and the one
Markdown parser (``markdown``). Knows nothing of what the fields mean.
"""
