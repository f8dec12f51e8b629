"""Server-side HTML of the UI without a browser: nested and crossing marks, escaping, maps."""

from __future__ import annotations

import html
import re

from storyline._api_article import Mark, article_html, marks_of
from storyline._api_html import page, tag
from storyline._api_map import MapPoint, MapRoute, map_svg, world_svg
from tests.sample_accounts import FERRY_TEXT, ferry_account
from tests.web.hostile import HOSTILE_TEXT, IMG, SCRIPT, hostile_account

_TAG = re.compile(r"<[^>]*>")


def _text_of(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


def test_marks_keep_the_text_exactly() -> None:
    for account, text in ((ferry_account(), FERRY_TEXT), (hostile_account(), HOSTILE_TEXT)):
        markup = article_html(text, marks_of(account))
        assert _text_of(markup) == text
        assert markup.count("<span") == markup.count("</span>")


def test_crossing_marks_are_split_with_one_key() -> None:
    text = "abcdefghij"
    marks = [Mark(0, 6, "quote", "quote:0", "Quote"), Mark(4, 9, "entity", "entity:e1", "E")]
    markup = article_html(text, marks)
    assert _text_of(markup) == text
    pieces = re.findall(r'data-key="entity:e1"[^>]*>([^<]*)', markup)
    assert pieces == ["ef", "ghi"]
    assert markup.count('data-key="quote:0"') == 1


def test_identical_ranges_nest_quote_outside_entity_inside() -> None:
    marks = [Mark(0, 3, "entity", "entity:e1", "E"), Mark(0, 3, "quote", "quote:0", "Q")]
    markup = article_html("abc", marks)
    assert markup.index("quote:0") < markup.index("entity:e1")


def test_out_of_range_marks_are_dropped() -> None:
    marks = [Mark(2, 99, "time", "time:0", "T"), Mark(3, 3, "time", "time:1", "T")]
    assert article_html("abcdef", marks) == "abcdef"


def test_hostile_values_are_escaped_in_text_and_attributes() -> None:
    markup = article_html(HOSTILE_TEXT, marks_of(hostile_account()))
    assert SCRIPT not in markup and IMG not in markup
    assert "<script" not in markup and "<img" not in markup and "<b " not in markup
    attrs = tag("a", {"title": '"><script>x</script>', "data-x": "a&b"}, "<i>")
    assert (
        attrs
        == '<a title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;" data-x="a&amp;b">&lt;i&gt;</a>'
    )
    whole = page(SCRIPT, [SCRIPT], twin='/x?"><script>')
    assert whole.count("<script") == 1  # the page's own script tag only


def test_map_crosses_the_antimeridian_the_short_way() -> None:
    suva, apia = MapPoint("Suva", -18.14, 178.44), MapPoint("Apia", -13.83, -171.77)
    svg = map_svg([suva, apia], [MapRoute("ferry", [suva, apia])])
    (points,) = re.findall(r'class="route"[^>]*points="([^"]+)"', svg)
    xs = [float(p.split(",")[0]) for p in points.split()]
    assert abs(xs[1] - xs[0]) < 15
    west, east = (float(v) for v in re.findall(r'data-(?:west|east)="([^"]+)"', svg))
    assert west < min(xs) and max(xs) < east and east - west < 60
    # Land on both sides of the antimeridian: copies of the world side by side.
    assert len(re.findall(r'<use href="/ui/world.svg#world"', svg)) == 2


def test_map_of_nothing_is_the_world() -> None:
    svg = map_svg([], [])
    assert 'data-west="-180.0000"' in svg and 'data-east="180.0000"' in svg


def test_world_outlines_come_from_the_package() -> None:
    svg = world_svg()
    assert svg.startswith("<?xml")
    assert 'id="world"' in svg and 'class="land"' in svg and 'class="borders"' in svg
    assert svg.count("M") > 1000
