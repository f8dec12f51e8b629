"""The time evaluation: TimeML parsing, scoring, and a run on a small subset."""

from __future__ import annotations

from pathlib import Path

from storyline import Pipeline
from storyline.evaluation.time import parse_tml, run, score_documents
from storyline.export_timeml import to_timeml

_TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-04-03"
functionInDocument="CREATION_TIME">04/03/01</TIMEX3></DCT>
<TEXT>
The mill &amp; the dam closed <TIMEX3 tid="t1" type="DATE" value="2001-04-02">Monday</TIMEX3> for
<TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3><TIMEX3 tid="t3" type="DATE"
value="X"/>.
</TEXT>
</TimeML>
"""


def test_parse_tml_strips_tags_unescapes_and_skips_empty_timex() -> None:
    doc = parse_tml("mill", _TML)
    assert str(doc.published) == "2001-04-03"
    assert "The mill & the dam" in doc.text
    assert [(doc.text[g.start : g.end], g.type, g.value) for g in doc.gold] == [
        ("Monday", "DATE", "2001-04-02"),
        ("two weeks", "DURATION", "P2W"),
    ]


def test_scores_count_relaxed_pairs_and_values() -> None:
    doc = parse_tml("mill", _TML)
    monday = doc.text.index("Monday")
    weeks = doc.text.index("two weeks")
    predicted = [
        (monday, monday + 6, "DATE", "2001-04-02"),  # exact, right value
        (weeks - 4, weeks + 9, "DURATION", "P1W"),  # "for two weeks": relaxed only, wrong value
        (0, 3, "DATE", "PRESENT_REF"),  # spurious
    ]
    scores = score_documents([doc], [predicted])
    assert scores.strict.tp == 1 and scores.relaxed.tp == 2
    assert scores.relaxed.n_pred == 3 and scores.relaxed.n_gold == 2
    assert scores.value_equal == 1 and scores.type_equal == 2


def test_time_eval_on_a_subset_gives_sane_figures(pipeline: Pipeline, shared: Path) -> None:
    report = run(pipeline, shared, limit=10)
    assert report.documents == 20
    for corpus in ("timebank", "aquaint"):
        figures = {k.split(".", 1)[1]: v for k, v in report.figures.items() if k.startswith(corpus)}
        assert 0.7 <= figures["relaxed_f1"] <= 1.0, figures
        assert figures["strict_f1"] <= figures["relaxed_f1"]
        assert 0.5 <= figures["value_f1"] <= figures["relaxed_f1"], figures
        assert figures["type_f1"] <= figures["relaxed_f1"]


def test_timeml_export_reads_back_as_the_same_timexes(pipeline: Pipeline) -> None:
    text = (
        "The bakery & café reopened on Monday after <three> weeks of repairs, "
        "and the owners plan a festival next month."
    )
    account = pipeline.extract(text, "2022-05-04", language="en")
    assert account.times, "the article names times"
    timeml = to_timeml(account, text)
    doc = parse_tml("bakery", timeml)
    assert doc.text == text
    assert str(doc.published) == "2022-05-04"
    assert [(g.start, g.end, g.type, g.value) for g in doc.gold] == [
        (t.start, t.end, t.type, t.value) for t in account.times
    ]
    assert 'anchorTimeID="t0"' in timeml
