"""Stage 6 – publishing. Takes a built site and the repository; gives the readiness check of
``--production`` (``readiness``: address, operator, sample, issue forms) and the atomic
replacement of the previous site, so that a failed build leaves it intact
(``site_swap``).
"""
