"""Stage 4 – rendering. Takes a checked ``Catalogue`` and the index; gives finished pages
(front matter + HTML), the assets and the files of the site (``pages``), with contributor
Markdown made safe (``markdown``) and a Content-Security-Policy per page (``security``).
Any builder can take the pages; none is imported here.
"""
