"""newsgraph as a spaCy pipeline component.

    import spacy
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph")                 # found through spaCy's entry points
    doc = nlp("John Kerry and Sergei Lavrov met in Munich.")
    doc.ents                                  # (John Kerry, Sergei Lavrov, Munich)
    doc._.relations                           # [Relation(MEETS, ...)]
    doc._.newsgraph                           # the newsgraph Document

Settings (``nlp.add_pipe("newsgraph", config={...})``):

- ``labels``: entity kind to spaCy label; the default follows spaCy's
  English models (``PERSON``, ``GPE``, ``ORG``), so displaCy colours them.
- ``mentions``: which mentions become entities: ``name`` (the default),
  ``demonym``, ``nominal``, ``pronoun``.
- ``overwrite_ents``: ``True`` (the default) lets newsgraph's entities
  replace those already on the doc (from an EntityRuler or a statistical
  model) where they overlap; ``False`` keeps the existing ones and adds
  newsgraph's only where they overlap nothing.
- ``alignment``: what to do with a mention whose characters do not line up
  with spaCy's tokens: ``expand`` (the default) to the tokens that cover
  it, ``contract`` to the tokens inside it, ``strict`` to drop it. A
  mention that aligns to no token is dropped; ``doc._.newsgraph_dropped``
  counts the mentions dropped for alignment or overlap.
- ``gazetteers``, ``rules``, ``default_gazetteers``, ``default_rules``: as
  for ``newsgraph.Extractor``.

spaCy is optional: this module is imported only when spaCy asks for the
component (or when you import it yourself).
"""

from typing import Dict, Iterable, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import Extractor

DEFAULT_LABELS = {"PERSON": "PERSON", "PLACE": "GPE", "ORG": "ORG"}
ALIGNMENTS = ("expand", "contract", "strict")

for _name, _default in (("relations", None), ("newsgraph", None), ("newsgraph_dropped", 0)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory(
    "newsgraph",
    default_config={
        "labels": DEFAULT_LABELS,
        "mentions": ["name"],
        "overwrite_ents": True,
        "alignment": "expand",
        "gazetteers": [],
        "rules": [],
        "default_gazetteers": True,
        "default_rules": True,
    },
)
def make_newsgraph(
    nlp: Language,
    name: str,
    labels: Dict[str, str],
    mentions: List[str],
    overwrite_ents: bool,
    alignment: str,
    gazetteers: List[str],
    rules: List[str],
    default_gazetteers: bool,
    default_rules: bool,
) -> "NewsgraphComponent":
    return NewsgraphComponent(
        Extractor(
            gazetteers=gazetteers,
            rules=rules,
            default_gazetteers=default_gazetteers,
            default_rules=default_rules,
        ),
        labels=labels,
        mentions=mentions,
        overwrite_ents=overwrite_ents,
        alignment=alignment,
    )


class NewsgraphComponent:
    """Sets ``doc.ents``, ``doc._.relations`` and ``doc._.newsgraph``."""

    def __init__(
        self,
        extractor: Extractor,
        labels: Optional[Dict[str, str]] = None,
        mentions: Iterable[str] = ("name",),
        overwrite_ents: bool = True,
        alignment: str = "expand",
    ):
        if alignment not in ALIGNMENTS:
            raise ValueError(f"alignment must be one of {ALIGNMENTS}, not {alignment!r}")
        self.extractor = extractor
        self.labels = dict(DEFAULT_LABELS if labels is None else labels)
        self.mentions = set(mentions)
        self.overwrite_ents = overwrite_ents
        self.alignment = alignment

    def __call__(self, doc: Doc) -> Doc:
        return self._set(doc, self.extractor.extract(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Extracts a stream of docs on newsgraph's thread pool, in order."""
        batch: List[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        yield from self._batch(batch)

    def _batch(self, batch: List[Doc]) -> Iterator[Doc]:
        found = self.extractor.extract_many([(str(i), d.text) for i, d in enumerate(batch)])
        for doc, ng in zip(batch, found):
            yield self._set(doc, ng)

    def _set(self, doc: Doc, ng) -> Doc:
        spans: List[Span] = []
        dropped = 0
        for m in ng.mentions:
            label = self.labels.get(m.entity.kind)
            if m.kind not in self.mentions or label is None:
                continue
            span = doc.char_span(m.start, m.end, label=label, alignment_mode=self.alignment)
            if span is None or len(span) == 0:
                dropped += 1
                continue
            span.kb_id_ = m.entity.id
            spans.append(span)
        ours = filter_spans(spans)
        dropped += len(spans) - len(ours)
        theirs = list(doc.ents)
        if self.overwrite_ents:
            taken = {i for s in ours for i in range(s.start, s.end)}
            kept = [s for s in theirs if not any(i in taken for i in range(s.start, s.end))]
            doc.ents = sorted(ours + kept, key=lambda s: s.start)
        else:
            taken = {i for s in theirs for i in range(s.start, s.end)}
            added = [s for s in ours if not any(i in taken for i in range(s.start, s.end))]
            dropped += len(ours) - len(added)
            doc.ents = sorted(theirs + added, key=lambda s: s.start)
        doc._.relations = ng.relations
        doc._.newsgraph = ng
        doc._.newsgraph_dropped = dropped
        return doc
