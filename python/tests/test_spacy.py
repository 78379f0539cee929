"""The spaCy component: entities, relations, other entity sources, alignment."""

import pytest

spacy = pytest.importorskip("spacy", reason="SKIPPED: spaCy is not installed (pip install spacy)")

from spacy import displacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

TEXT = "John Kerry and Sergei Lavrov met in Munich on Friday. Kerry's aide spoke to the BBC."


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsgraph")  # through the spacy_factories entry point
    return nlp


def test_blank_pipeline_gets_entities_and_relations(nlp):
    doc = nlp(TEXT)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("John Kerry", "PERSON"),
        ("Sergei Lavrov", "PERSON"),
        ("Munich", "GPE"),
        ("Kerry", "PERSON"),
        ("BBC", "ORG"),
    ]
    assert doc.ents[0].kb_id_ == "person:john-kerry"
    (meets,) = [r for r in doc._.relations if r.type == "MEETS"]
    assert (meets.a.name, meets.b.name, meets.place.name) == ("John Kerry", "Sergei Lavrov", "Munich")
    assert doc._.newsgraph.text == TEXT
    html = displacy.render(doc, style="ent")
    assert "Sergei Lavrov" in html and "GPE" in html


def test_pipe_matches_call(nlp):
    texts = [TEXT, "Lavrov spoke in Geneva.", ""] * 5
    piped = [[(e.text, e.label_) for e in d.ents] for d in nlp.pipe(texts, batch_size=4)]
    assert piped == [[(e.text, e.label_) for e in nlp(t).ents] for t in texts]


def ruler_pipeline(overwrite):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "MISC", "pattern": "Munich on Friday"}, {"label": "NORP", "pattern": "aide"}])
    nlp.add_pipe("newsgraph", config={"overwrite_ents": overwrite, "labels": {"PERSON": "PER", "PLACE": "LOC", "ORG": "ORG"}})
    return nlp


def test_beside_an_entity_ruler_newsgraph_overrides():
    doc = ruler_pipeline(True)(TEXT)
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("Munich", "LOC") in ents and ("Munich on Friday", "MISC") not in ents
    assert ("aide", "NORP") in ents, "a ruler entity that overlaps nothing stays"


def test_beside_an_entity_ruler_kept():
    doc = ruler_pipeline(False)(TEXT)
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("Munich on Friday", "MISC") in ents and ("Munich", "LOC") not in ents
    assert ("John Kerry", "PER") in ents
    assert doc._.newsgraph_dropped == 1


def whitespace_pipeline(alignment):
    """spaCy cutting at spaces only, so "Kerry's" is one token."""
    nlp = spacy.blank("en")
    nlp.tokenizer = lambda text: Doc(nlp.vocab, words=text.split(" "))
    nlp.add_pipe("newsgraph", config={"alignment": alignment})
    return nlp


@pytest.mark.parametrize(
    "alignment, want, dropped",
    [("expand", "John Kerry's", 0), ("contract", "John", 0), ("strict", None, 1)],
)
def test_spans_that_do_not_line_up_with_tokens(alignment, want, dropped):
    doc = whitespace_pipeline(alignment)("Yesterday John Kerry's aide left.")
    assert [e.text for e in doc.ents] == ([want] if want else [])
    assert doc._.newsgraph_dropped == dropped


def test_a_statistical_model_beside_it():
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        pytest.skip("SKIPPED: en_core_web_sm is not installed (pip install en-core-web-sm)")
    nlp.add_pipe("newsgraph", last=True)
    doc = nlp(TEXT)
    assert ("Sergei Lavrov", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert any(r.type == "MEETS" for r in doc._.relations)


def test_bad_alignment_setting():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="alignment"):
        nlp.add_pipe("newsgraph", config={"alignment": "nearest"})
