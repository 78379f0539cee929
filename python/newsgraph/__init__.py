"""newsgraph: English news text to a typed graph of people, places and
organisations and the relations between them (who met whom and where, who
holds which role, what is located where, who said what).

    >>> import newsgraph
    >>> x = newsgraph.Extractor()
    >>> doc = x.extract("John Kerry and Sergei Lavrov met in Munich.", id="d1")
    >>> [(r.type, r.a.name, r.b.name, r.place.name) for r in doc.relations]
    [('MEETS', 'John Kerry', 'Sergei Lavrov', 'Munich')]

The work is done by the Rust library; see the repository's README.
"""

from ._newsgraph import (
    Document,
    Documents,
    Entity,
    Extractor,
    Graph,
    Mention,
    NewsgraphError,
    Relation,
)

__all__ = [
    "Document",
    "Documents",
    "Entity",
    "Extractor",
    "Graph",
    "Mention",
    "NewsgraphError",
    "Relation",
]
