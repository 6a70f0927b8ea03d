"""Public pages: thin views that parse the request, ask the domain, render.

`lists` — the article list (filters, chips, facets) and name search; `pages` — one
article, actor, venue or event; `charts` — the server-rendered timeline.
"""
