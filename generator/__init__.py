"""Core of the catalogue „Bibliotheken inspirieren Bibliotheken“.

Plain Python that loads, validates, renders and indexes the catalogue; only
``generator.adapters.mkdocs_plugin`` knows MkDocs.
"""
