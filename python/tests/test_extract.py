"""Extraction from Python: documents, offsets, relations and errors."""

import json
import subprocess

import pytest

import newsgraph


def test_meeting_with_place(extractor):
    doc = extractor.extract("John Kerry and Sergei Lavrov met in Munich on Friday.", id="m")
    assert doc.id == "m"
    assert [(m.text, m.entity.name, m.entity.kind) for m in doc.mentions] == [
        ("John Kerry", "John Kerry", "PERSON"),
        ("Sergei Lavrov", "Sergei Lavrov", "PERSON"),
        ("Munich", "Munich", "PLACE"),
    ]
    (meets,) = [r for r in doc.relations if r.type == "MEETS"]
    assert (meets.a.name, meets.b.name, meets.place.name) == ("John Kerry", "Sergei Lavrov", "Munich")
    assert meets.modality == "asserted"
    assert meets.when == "on Friday"
    assert meets.evidence == doc.text
    assert set(meets.arguments) == {"a", "b", "place"}
    assert meets.person is None and meets.role is None


def test_offsets_are_code_points_on_any_script():
    mine = "id\tkind\tname\taliases\tattributes\n" "person:djokovic\tperson\tNovak Đoković\tĐoković\t\n" "place:sp\tplace/city\tSão Paulo\t\t\n" "person:lavrov\tperson\tСергей Лавров\tЛавров\t\n"
    import tempfile, os

    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        f.write(mine)
    try:
        x = newsgraph.Extractor(gazetteers=[f.name], default_gazetteers=False)
    finally:
        os.unlink(f.name)
    text = "👍🏽 Đoković’s coach flew to São Paulo 🇺🇸 to see Сергей Лавров."
    doc = x.extract(text)
    assert [m.text for m in doc.mentions] == ["Đoković", "São Paulo", "Сергей Лавров"]
    raw = text.encode("utf-8")
    for m in doc.mentions:
        assert text[m.start : m.end] == m.text
        assert raw[m.byte_start : m.byte_end].decode("utf-8") == m.text
    assert doc.mentions[0].start == 3  # after the emoji, its skin tone and a space
    assert doc.mentions[0].byte_start == 9


def test_to_dict_is_the_document_json(extractor, root, seeds):
    """to_dict() equals what `newsgraph extract` prints for the same text."""
    cli = root / "target" / "release" / "newsgraph"
    if not cli.exists():
        pytest.skip(f"SKIPPED: no {cli} (cargo build --release) to compare with")
    sid, text = seeds[0]
    out = subprocess.run([str(cli), "extract", str(root / "seeds" / f"{sid}.txt")], capture_output=True, check=True)
    assert extractor.extract(text, id=sid).to_dict() == json.loads(out.stdout)


def test_extract_many_keeps_input_order_and_ids(extractor, seeds):
    one = [extractor.extract(text, id=sid).to_json() for sid, text in seeds]
    for threads in (1, 2):
        many = list(extractor.extract_many(seeds * 3, threads=threads))
        assert [d.id for d in many] == [sid for sid, _ in seeds] * 3
        assert [d.to_json() for d in many] == one * 3
    docs = list(extractor.extract_many(["Kerry met Lavrov.", {"id": "x", "text": "Lavrov spoke."}]))
    assert [d.id for d in docs] == ["0", "x"]


def test_extract_many_streams_lazily(extractor):
    seen = []

    def texts():
        for i in range(1000):
            seen.append(i)
            yield f"Text {i} about Kerry."

    it = extractor.extract_many(texts(), threads=1)
    first = next(it)
    assert first.id == "0"
    assert len(seen) < 1000, "extract_many read the whole input before yielding"


def test_default_id_is_stable(extractor):
    a = extractor.extract("Kerry met Lavrov.")
    b = extractor.extract("Kerry met Lavrov.")
    c = extractor.extract("Lavrov met Kerry.")
    assert a.id == b.id != c.id


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_text_that_is_not_a_string_is_a_type_error(extractor, bad):
    with pytest.raises(TypeError):
        extractor.extract(bad)


def test_bad_items_of_extract_many_are_type_errors(extractor):
    with pytest.raises(TypeError, match="item 1 of extract_many"):
        list(extractor.extract_many(["fine", 3]))


def test_bad_gazetteer_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tkind\tname\taliases\tattributes\nx:1\tplanet\tMars\t\t\n", encoding="utf-8")
    with pytest.raises(newsgraph.NewsgraphError) as info:
        newsgraph.Extractor(gazetteers=[bad])
    e = info.value
    assert e.kind == "gazetteer"
    assert e.path == str(bad) and e.line == 2
    assert "planet" in e.reason
    assert isinstance(e, ValueError)


def test_bad_rule_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.rules"
    bad.write_text("rule meet/x MEETS\n  a=PERSON met b=(\n", encoding="utf-8")
    with pytest.raises(newsgraph.NewsgraphError) as info:
        newsgraph.Extractor(rules=[bad], default_rules=False)
    assert info.value.kind == "rule"
    assert info.value.path == str(bad) and info.value.line is not None


def test_missing_file_is_an_io_error(tmp_path):
    with pytest.raises(newsgraph.NewsgraphError) as info:
        newsgraph.Extractor(gazetteers=[tmp_path / "none.tsv"])
    assert info.value.kind == "io"


def test_hostile_text_never_crashes(extractor):
    for text in ["", "\0" * 100, "\ud7ff" * 50, "A" * 100_000, "👨‍👩‍👧" * 1000, "Kerry " * 5000]:
        doc = extractor.extract(text)
        for m in doc.mentions:
            assert text[m.start : m.end] == m.text


def test_the_package_docstring_example_runs():
    import doctest

    result = doctest.testmod(newsgraph)
    assert result.attempted > 0 and result.failed == 0


def test_extract_paths_reads_a_corpus_as_the_command_line_does(extractor, root, tmp_path):
    docs = list(extractor.extract_paths([root / "seeds"], threads=2))
    assert [d.id for d in docs] == sorted(p.stem for p in (root / "seeds").glob("*.txt"))
    cli = subprocess.run(
        [str(root / "target" / "release" / "newsgraph"), "extract", "--format", "jsonl", str(root / "seeds")],
        capture_output=True, check=True, text=True,
    ).stdout.splitlines()
    assert [d.to_json() for d in docs] == cli

    # Nested directories: ids are paths relative to the argument.
    for sub in ("2016/a", "2017/b"):
        (tmp_path / sub).mkdir(parents=True)
        (tmp_path / sub / "story.txt").write_text("John Kerry met Sergei Lavrov.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"Kerry \xff")
    with pytest.raises(newsgraph.NewsgraphError) as e:
        list(extractor.extract_paths([tmp_path]))
    assert e.value.kind == "utf8" and e.value.path == str(tmp_path / "bad.txt")
    with pytest.warns(UserWarning, match="invalid UTF-8 at byte offset 6"):
        docs = list(extractor.extract_paths([tmp_path], errors="warn"))
    assert [d.id for d in docs] == ["2016/a/story", "2017/b/story"]


def test_documents_written_by_extract_are_read_back(extractor, root, tmp_path):
    lines = subprocess.run(
        [str(root / "target" / "release" / "newsgraph"), "extract", "--format", "jsonl", str(root / "seeds")],
        capture_output=True, check=True, text=True,
    ).stdout
    back = [newsgraph.Document.from_json(line) for line in lines.splitlines()]
    assert [d.to_json() for d in back] == lines.splitlines()
    (tmp_path / "docs.jsonl").write_text(lines, encoding="utf-8")
    read = list(extractor.extract_paths([tmp_path / "docs.jsonl"], input="documents"))
    assert [d.to_json() for d in read] == lines.splitlines()
    with pytest.raises(newsgraph.NewsgraphError) as e:
        newsgraph.Document.from_json('{"doc": "x"}')
    assert e.value.kind == "json" and "missing field" in e.value.reason
