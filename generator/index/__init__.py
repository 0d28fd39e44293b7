"""Stage 3 – indexing. Takes a checked ``Catalogue``; gives the finder's data (sizes, size
classes, similarity: ``finder``), the search index and the German text folding it is
built with (``search_index``, ``search_text``).
"""
