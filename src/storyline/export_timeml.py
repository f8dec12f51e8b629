"""An account's time expressions as TimeML: the DCT and inline TIMEX3 tags in the text.

The output reads like a TempEval-3 document (``<DCT>`` then ``<TEXT>`` with ``<TIMEX3>``
tags), so TimeML tools, and :func:`storyline.evaluation.time.parse_tml`, read it back.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .model import Account, Time

__all__ = ["to_timeml"]

_DCT_TID = "t0"


def _timex_attributes(tid: str, time: Time, tids_by_value: dict[str, str], dct: str) -> str:
    attrs: list[tuple[str, str]] = [("tid", tid), ("type", time.type), ("value", time.value)]
    for name in ("mod", "quant", "freq"):
        value = getattr(time, name)
        if value:
            attrs.append((name, value))
    # A value resolved against a date is a temporal function of that date's TIMEX3.
    relative = time.anchor is not None and time.type != "DURATION"
    attrs.append(("temporalFunction", "true" if relative else "false"))
    attrs.append(("functionInDocument", "NONE"))
    if relative and time.anchor is not None:
        anchor_tid = _DCT_TID if time.anchor == dct else tids_by_value.get(time.anchor)
        if anchor_tid is not None and anchor_tid != tid:
            attrs.append(("anchorTimeID", anchor_tid))
    elif time.type == "DURATION" and time.anchor is not None:
        # "two days later": a stretch that begins at a date the text names (TimeML's
        # beginPoint), or at the DCT.
        begin_tid = _DCT_TID if time.anchor == dct else tids_by_value.get(time.anchor)
        if begin_tid is not None and begin_tid != tid:
            attrs.append(("beginPoint", begin_tid))
    return " ".join(f"{name}={quoteattr(value)}" for name, value in attrs)


def to_timeml(account: Account, text: str) -> str:
    """TimeML for ``text`` with the DCT and one TIMEX3 per time expression of ``account``."""
    dct = account.document.published
    times: list[Time] = []
    last_end = 0
    for time in sorted(account.times, key=lambda t: (t.start, -t.end)):
        if time.start >= last_end and text[time.start : time.end] == time.text:
            times.append(time)  # TimeML tags cannot overlap: keep the first of a cluster
            last_end = time.end
    tids = [f"t{i}" for i in range(1, len(times) + 1)]
    tids_by_value: dict[str, str] = {}
    for tid, time in zip(tids, times, strict=True):
        tids_by_value.setdefault(time.value, tid)
    body: list[str] = []
    position = 0
    for tid, time in zip(tids, times, strict=True):
        body.append(escape(text[position : time.start]))
        attributes = _timex_attributes(tid, time, tids_by_value, dct)
        body.append(f"<TIMEX3 {attributes}>{escape(time.text)}</TIMEX3>")
        position = time.end
    body.append(escape(text[position:]))
    dct_attributes = (
        f'tid="{_DCT_TID}" type="DATE" value={quoteattr(dct)} temporalFunction="false" '
        'functionInDocument="CREATION_TIME"'
    )
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{escape(account.document.id)}</DOCID>\n"
        f"<DCT><TIMEX3 {dct_attributes}>{escape(dct)}</TIMEX3></DCT>\n"
        f"<TEXT>{''.join(body)}</TEXT>\n"
        "</TimeML>\n"
    )
