"""The single source of every rule. Takes nothing but the taxonomy; gives the field kinds
(``kinds``: each converts and checks its value and describes itself as JSON Schema, field
reference row and form control), the declarations of profiles, measures and the taxonomy
(``declarations``), the rules between fields (``cross_field``), the submission forms
(``forms``) and the JSON Schema documents (``json_schema``); ``german`` reads what
contributors write the German way (decimal commas, dates, labels for ids) for the
messages. Validation, rendering, forms and scaffolds all read from here.
"""
