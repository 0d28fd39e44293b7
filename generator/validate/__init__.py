"""Stage 2 – checking. Takes the catalogue folder; gives a ``Catalogue`` of the typed model, or
none and every problem at once (``catalogue.load_catalogue``): each file against its
declaration, then references, materials, near-duplicates, Markdown safety and the
operator's data for the legal pages. Results of unchanged files come from a cache outside
the repository (``cache``).
"""
