"""The repair stage splits glued words only where the document or the lexicon supports it."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from storyline import Pipeline
from storyline.stages._words import english_words


@pytest.fixture(scope="module")
def nlp(pipeline: Pipeline) -> Language:
    return pipeline.nlp


def _run(nlp: Language, text: str) -> Doc:
    """The repair stage and the model's own components (ours need more than a text)."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name == "storyline_repair" or not name.startswith("storyline_"):
            doc = component(doc)
    return doc


def _tokens(nlp: Language, text: str) -> tuple[list[str], list[int]]:
    doc = _run(nlp, text)
    assert doc.text == text  # the text never changes
    return [t.text for t in doc], list(doc._.sl_repairs)


def test_hyphenated_name_glued_to_next_word_is_split_when_the_name_recurs(nlp: Language) -> None:
    text = "Premier Li Ke-qiangvisited the dam on Monday. Later Li Ke-qiang met engineers."
    tokens, repairs = _tokens(nlp, text)
    assert tokens[:6] == ["Premier", "Li", "Ke", "-", "qiang", "visited"]
    assert repairs == [text.index("visited")]


def test_repaired_name_is_one_whole_person_entity(nlp: Language) -> None:
    text = (
        "Opposition leader Park Min-jureturned to Seoul on Friday. "
        "Park Min-ju said the vote would be held in spring."
    )
    doc = _run(nlp, text)
    names = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert "Park Min-ju" in names
    assert not any(n.startswith("Park Min-") and n != "Park Min-ju" for n in names)


def test_hyphenated_name_without_support_is_left_alone(nlp: Language) -> None:
    text = "The envoy Ri Yong-hotea smiled, and the Taekwon-dobelts shone."
    tokens, repairs = _tokens(nlp, text)
    # "tea" is no verb form; "Taekwon" is no name syllable; neither is attested elsewhere.
    assert "hotea" in tokens and "dobelts" in tokens
    assert repairs == []


def test_hyphenated_name_glued_to_an_inflected_verb_is_split(nlp: Language) -> None:
    text = "The envoy Ri Yong-hoarrived late."
    tokens, repairs = _tokens(nlp, text)
    assert tokens[3:7] == ["Yong", "-", "ho", "arrived"]
    assert repairs == [text.index("arrived")]


def test_name_glued_to_a_word_the_text_uses_is_split(nlp: Language) -> None:
    text = "Reporters said Merkelsaid nothing new, and Merkel left."
    tokens, repairs = _tokens(nlp, text)
    assert tokens[2:4] == ["Merkel", "said"]
    assert repairs == [text.index("said nothing")]


def test_longer_names_built_from_a_name_are_not_split(nlp: Language) -> None:
    text = "John Peterson met John Peter and his son Johnson."
    tokens, repairs = _tokens(nlp, text)
    assert "Peterson" in tokens and "Johnson" in tokens
    assert repairs == []


def test_function_word_glued_to_a_word_is_split(nlp: Language) -> None:
    text = "Troops reached the port inthe evening."
    tokens, repairs = _tokens(nlp, text)
    assert tokens[4:6] == ["in", "the"]
    assert repairs == [text.index("inthe") + 2]


def test_real_words_are_never_split(nlp: Language) -> None:
    text = "The uncrossed river, another nowhere town, and therefore nothing."
    tokens, repairs = _tokens(nlp, text)
    assert repairs == []
    assert "uncrossed" in tokens and "another" in tokens and "therefore" in tokens


def test_word_list_knows_inflections(nlp: Language) -> None:
    words = english_words(nlp)
    for word in ("crossed", "stopped", "running", "cities", "said", "returned"):
        assert word in words
    for word in ("qiangvisited", "hoarrived", "inthe"):
        assert word not in words


def test_name_syllable_glued_to_a_verb_is_split_by_the_lexicon(nlp: Language) -> None:
    text = "Envoy Ri Son-hwasaid the talks had ended."
    tokens, repairs = _tokens(nlp, text)
    assert tokens[:6] == ["Envoy", "Ri", "Son", "-", "hwa", "said"]
    assert repairs == [text.index("said")]


@pytest.mark.parametrize(
    ("text", "glued", "word"),
    [
        (
            "Senator Marta Oyelaranmet the mayor of Ibadan. Marta Oyelaran later left.",
            "Oyelaranmet",
            "met",
        ),
        ("Coach Pavel Dvorakled the team to Brno. Fans cheered Pavel Dvorak.", "Dvorakled", "led"),
    ],
)
def test_attested_full_name_glued_to_a_short_verb_is_split(
    nlp: Language, text: str, glued: str, word: str
) -> None:
    tokens, repairs = _tokens(nlp, text)
    assert glued not in tokens and word in tokens
    assert repairs == [text.index(glued) + len(glued) - len(word)]


@pytest.mark.parametrize(
    "text",
    [
        # The short remainder is a verb, but the full name "Ana Kim" never stands elsewhere.
        "Ana Kimball spoke. Later Kim thanked her.",
        # A name-forming ending, not a verb: "Eriksen" is a name of its own.
        "Jon Eriksen spoke. Jon Erik agreed.",
    ],
)
def test_short_remainder_without_the_full_name_is_not_split(nlp: Language, text: str) -> None:
    _tokens_out, repairs = _tokens(nlp, text)
    assert repairs == []


def test_phrasal_nouns_are_not_split(nlp: Language) -> None:
    text = "The standout of the night was a holdout vote, then a cutoff and a walkout."
    tokens, repairs = _tokens(nlp, text)
    assert repairs == []
    assert {"standout", "holdout", "cutoff", "walkout"} <= set(tokens)


def _reaches_a_root(doc: Doc) -> bool:
    heads = [t.head.i for t in doc]
    for start in range(len(doc)):
        i, steps = start, 0
        while heads[i] != i:
            i, steps = heads[i], steps + 1
            if steps > len(doc):
                return False
    return True


def test_split_pieces_leave_a_valid_parse(nlp: Language) -> None:
    # Long paragraphs with a glue between them: the parser must see both pieces unattached,
    # or it keeps the split's arc and may attach the sibling back (a cycle; Span.root fails).
    para = "The mayor opened the new library on a quiet morning and thanked the builders. "
    text = para * 6 + "\n\nTwo other visitors came inthe afternoon and stayed. " + para * 3
    repaired = nlp.get_pipe("storyline_repair")(nlp.make_doc(text))
    assert repaired._.sl_repairs
    assert all(t.head.i == t.i for t in repaired)  # no arc for the parser to keep
    doc = _run(nlp, text)
    assert _reaches_a_root(doc)
    roots = [doc[i : i + 6].root.i for i in range(len(doc) - 6)]  # a broken tree raises
    assert len(roots) == len(doc) - 6


def test_name_after_an_article_hyphen_glued_to_a_verb_is_split(nlp: Language) -> None:
    text = (
        "Prime Minister Yusuf al-Hadidi opened the session. Al-Hadiditold reporters the plan "
        "would pass."
    )
    tokens, repairs = _tokens(nlp, text)
    told = tokens.index("told")
    assert tokens[told - 3 : told] == ["Al", "-", "Hadidi"]
    assert repairs == [text.index("told")]
