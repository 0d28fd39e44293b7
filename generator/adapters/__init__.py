"""The outside world, translated: the command line ``catalogue`` (``cli``,
``contribute_cli``) and the MkDocs plugin (``mkdocs_plugin``), the only module that knows a
site builder. Adapters call the stages; no stage calls an adapter.
"""
