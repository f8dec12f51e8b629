"""HTML pages and RSS/Atom feeds: main text, metadata, and where the date comes from."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from storyline.ingest.feeds import looks_like_feed, parse_feed
from storyline.ingest.files import collect
from storyline.ingest.html import html_to_text, read_html

BODY = (
    "The town council of Lindfield voted on Tuesday to close the old bridge over the river "
    "after engineers said that its supports were no longer safe for heavy traffic. The mayor "
    "said a ferry would run until a new bridge is built."
)


def _page(head: str = "", body: str = BODY) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Bridge closed | Lindfield Gazette</title>{head}"
        "</head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge closed</h1><p>{body}</p></article>"
        "<footer>Copyright Lindfield Gazette. Subscribe now.</footer></body></html>"
    )


META = (
    '<meta property="og:site_name" content="Lindfield Gazette">'
    '<meta name="author" content="Tom Reyes">'
    '<meta property="article:published_time" content="2024-04-09T08:00:00Z">'
    '<link rel="canonical" href="https://gazette.example/bridge">'
)


def test_read_html_main_text_and_metadata() -> None:
    page = read_html(_page(META).encode())
    assert page.text == BODY
    assert page.title == "Bridge closed"
    assert page.author == "Tom Reyes"
    assert page.site_name == "Lindfield Gazette"
    assert page.published == dt.date(2024, 4, 9)
    assert page.url == "https://gazette.example/bridge"


def test_html_without_date_metadata_takes_no_date_from_the_body() -> None:
    page = read_html(_page(body="On May 3, 2021 the bridge was inspected. " + BODY))
    assert page.published is None


def test_html_date_order_metadata_then_argument_then_dateline(tmp_path: Path) -> None:
    (tmp_path / "meta.html").write_text(_page(META), encoding="utf-8")
    (tmp_path / "plain.html").write_text(_page(), encoding="utf-8")
    (tmp_path / "dateline.html").write_text(
        _page(body="LINDFIELD, June 2, 2023 - " + BODY), encoding="utf-8"
    )
    items, skipped = collect([str(tmp_path)])
    got = {i.path.name: (i.article.published, i.article.published_from) for i in items}
    assert got == {
        "dateline.html": (dt.date(2023, 6, 2), "dateline"),
        "meta.html": (dt.date(2024, 4, 9), "metadata"),
    }
    # No date anywhere: skipped, whatever the file's modification time says.
    assert [s.path.name for s in skipped] == ["plain.html"]
    assert "no publication date" in skipped[0].reason
    items, _ = collect([str(tmp_path)], dt.date(2024, 1, 1))
    got = {i.path.name: (i.article.published, i.article.published_from) for i in items}
    assert got["plain.html"] == (dt.date(2024, 1, 1), "argument")
    assert got["meta.html"] == (dt.date(2024, 4, 9), "metadata")


def test_file_times_are_never_a_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_text(_page(), encoding="utf-8")
    os.utime(path, (1_500_000_000, 1_500_000_000))
    items, skipped = collect([str(path)])
    assert items == [] and len(skipped) == 1


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Home</title></head><body></body></html>", encoding="utf-8")
    items, skipped = collect([str(path)], dt.date(2024, 1, 1))
    assert items == [] and "no main text" in skipped[0].reason


RSS = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Lindfield Gazette</title>
<item><title>Bridge closed</title><link>https://gazette.example/bridge</link>
<pubDate>Tue, 09 Apr 2024 22:30:00 -0300</pubDate><author>Tom Reyes</author>
<description><![CDATA[<p>{BODY}</p><p>Drivers must <b>detour</b> via Ashby.</p>
<script>x()</script>]]></description>
</item>
<item><title>Empty</title><link>https://gazette.example/empty</link></item>
<item><title>Undated</title><description>{BODY}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ashby Post</title><id>urn:x</id>
<updated>2024-04-11T00:00:00Z</updated>
<entry><title>Ferry starts</title><id>urn:x:1</id><link href="https://ashby.example/ferry"/>
<updated>2024-04-11T06:00:00Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries() -> None:
    entries = list(parse_feed(RSS.encode()))
    first = entries[0]
    assert not isinstance(first, tuple)
    assert first.title == "Bridge closed"
    assert first.url == "https://gazette.example/bridge"
    assert first.site_name == "Lindfield Gazette"
    # 22:30 at UTC-3 is the next day in UTC.
    assert first.published == dt.date(2024, 4, 10)
    assert first.text == BODY + "\n\nDrivers must detour via Ashby."
    assert isinstance(entries[1], tuple) and entries[1][0] == 2
    third = entries[2]
    assert not isinstance(third, tuple) and third.published is None


def test_atom_entry_uses_updated_when_unpublished() -> None:
    (entry,) = list(parse_feed(ATOM.encode()))
    assert not isinstance(entry, tuple)
    assert entry.published == dt.date(2024, 4, 11)
    assert entry.site_name == "Ashby Post"
    assert entry.text == BODY


def test_feeds_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "gazette.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "post.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "notes.xml").write_text("<notes><n>hello</n></notes>", encoding="utf-8")
    items, skipped = collect([str(tmp_path)])
    assert [i.origin.rsplit("/", 1)[1] for i in items] == ["gazette.rss:1", "post.atom:1"]
    assert [i.article.published_from for i in items] == ["metadata", "metadata"]
    assert sorted(s.origin.rsplit("/", 1)[1] for s in skipped) == [
        "gazette.rss:2",
        "gazette.rss:3",
        "notes.xml",
    ]
    assert any("not an RSS or Atom feed" in s.reason for s in skipped)


def test_looks_like_feed_and_fragments() -> None:
    assert looks_like_feed(b"<?xml version='1.0'?><rss>")
    assert not looks_like_feed(b"<html></html>")
    assert html_to_text("Fish &amp; chips") == "Fish & chips"
    assert html_to_text("<p>One</p><p>Two <i>three</i></p>") == "One\n\nTwo three"
