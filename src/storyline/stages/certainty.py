"""The certainty stage: how sure the text is of each predicate, from the cue's scope.

Every predicate head (a verb, or a copula heading its clause) gets ``token._.sl_certainty``,
one of confirmed, reported, expected, planned, unconfirmed, speculative, denied.  The cues and
their scopes are data (``resources/certainty_cues.tsv``); the rules here say where a cue
reaches in the dependency parse:

1. cues on the predicate itself: a modal auxiliary ("could", "will"), a hedging adverb
   ("reportedly"), a negation ("did not cross" → denied);
2. otherwise, climbing through clausal complements (xcomp, ccomp, a conditional or
   "whether" clause, coordination as below): the first governor
   that is a cue decides — "is expected to", "plans to", "it is believed that", "appears to",
   "did not confirm whether", "it is unknown if", a reporting verb (reported, or what its
   lexicon row says), or a modal/adverb/negation on a governor, whose scope includes its
   complements; a conjunct shares its first conjunct's certainty when it shares the
   subject ("left and crossed"), while a conjoined clause with its own subject keeps only
   the cues above the first conjunct;
   a "whether/if" complement of any other verb is an open question, unconfirmed;
3. otherwise a predicate inside a quotation's content is reported, and anything else the
   narrator asserts is confirmed.

An infinitive of purpose ("went to Lisbon to meet X") is planned under an asserted or reported
governor and shares a hedged governor's certainty.  Relative clauses and other adverbial
clauses block the climb: "the summit, which is expected …" does not make the sentence around
it expected.

A noun's content clause ("claims that troops fired", "the plan to build") takes its cue from
the verb the noun is the object of ("rejected claims that …" → denied, "did not confirm
reports that …" → unconfirmed), else from the noun itself when it is a cue ("rumours that …"
→ speculative, "the plan to …" → planned) or a reporting noun ("reports that …" → its
lexicon row, reported).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from ._cues import CertaintyCue, certainty_cues, negated_cue, speech_verbs
from ._syntax import indices_with_pos, is_negated, is_passive

__all__ = ["CertaintyStage", "predicate_certainty"]

_CLIMB_DEPS = frozenset({"xcomp", "ccomp", "csubj", "csubjpass"})
_CONDITION_MARKS = frozenset({"if", "whether", "unless"})
_MAX_CLIMB = 8
_WH_WORDS = frozenset({"when", "where", "how", "why", "whether"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_CONTENT_MARKS = frozenset({"that", "whether", "if"})
# Deps by which a noun with a content clause hangs from the verb that governs it.
_NOUN_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})


def _is_predicate(token: Token) -> bool:
    if token.pos_ == "VERB":
        return True
    # A copula heading its own clause ("it is unknown if …", "the train is armoured").
    return (token.pos_ == "AUX" and token.head.i == token.i) or (
        token.pos_ == "AUX" and token.dep_ in ("ccomp", "relcl", "advcl", "conj", "xcomp")
    )


def _local_cue(token: Token) -> str | None:
    """A modal, hedging adverb or negation attached to the predicate itself."""
    cues = certainty_cues()
    found: str | None = None
    for child in token.children:
        lemma = child.lower_
        if child.dep_ == "aux" or (child.dep_ == "auxpass" and lemma in ("will", "would")):
            cue = cues.get((lemma, "modal"))
            if cue is not None:
                found = found or cue.certainty
        elif child.dep_ == "advmod":
            cue = cues.get((lemma, "adverb"))
            if cue is not None:
                return cue.certainty
        elif child.dep_ == "neg" and cues.get((token.lemma_.lower(), "negated")) is None:
            return "denied"
    return found


def _adjective_cue(token: Token) -> CertaintyCue | None:
    """The token is, or a copula with, an epistemic adjective ("unclear", "likely", "due")."""
    cues = certainty_cues()
    cue = cues.get((token.lower_, "adjective"))
    if cue is not None:
        return cue
    for child in token.children:
        if child.dep_ in ("acomp", "attr", "advmod", "oprd"):
            cue = cues.get((child.lower_, "adjective"))
            if cue is not None:
                if is_negated(token) and cue.certainty == "unconfirmed":
                    return None
                return cue
            # "it is not clear whether": a negated "clear"
            negated = cues.get((child.lower_, "negated"))
            if negated is not None and (is_negated(token) or is_negated(child)):
                return negated
    return None


def _governor_cue(gov: Token, clause: Token | None = None) -> str | None:
    """The certainty ``gov`` gives the clause it governs (``clause``, when known)."""
    cues = certainty_cues()
    lemma = gov.lemma_.lower()
    adjective = _adjective_cue(gov)
    if adjective is not None:
        return adjective.certainty
    negated = negated_cue(gov)
    if negated is not None:
        return negated
    cue = cues.get((lemma, "governor"))
    if (
        cue is not None
        and (cue.scope != "passive" or is_passive(gov))
        and (
            # "promised to build" is a plan; "promised that …" is a report (speech_verbs.tsv).
            cue.scope != "infinitive" or (clause is not None and clause.dep_ == "xcomp")
        )
    ):
        return cue.certainty
    verbs = speech_verbs()
    if lemma in verbs and gov.pos_ in ("VERB", "AUX"):
        return verbs[lemma][1]
    return None


def _noun_content_cue(noun: Token) -> str | None:
    """The certainty a noun's content clause gets (rules in the module docstring)."""
    verb = noun.head
    if noun.dep_ in _NOUN_OBJECT_DEPS and verb.i != noun.i and verb.pos_ in ("VERB", "AUX"):
        governing = _governor_cue(verb)
        if governing is not None:
            return governing
    lemma = noun.lemma_.lower()
    cue = certainty_cues().get((lemma, "governor"))
    if cue is not None and cue.scope != "passive":
        return cue.certainty
    verbs = speech_verbs()
    return verbs[lemma][1] if lemma in verbs else None


def _content_clause(clause: Token, marks: set[str]) -> bool:
    """A clause complementing a noun: "that …"/"whether …", or a "to" infinitive."""
    if clause.dep_ not in ("acl", "ccomp") or clause.head.pos_ != "NOUN":
        return False
    return bool(marks & _CONTENT_MARKS) or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def _purpose_clause(clause: Token, marks: set[str]) -> bool:
    """An infinitive of purpose: "(in order) to meet …" hanging from a verb."""
    return (
        clause.dep_ == "advcl"
        and not marks & _CONDITION_MARKS
        and clause.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    )


def predicate_certainty(
    token: Token, quoted: list[tuple[int, int]], memo: dict[int, str] | None = None
) -> str:
    """The certainty of the predicate ``token`` (rules in the module docstring)."""
    memo = {} if memo is None else memo
    if token.i in memo:
        return memo[token.i]
    result = _local_cue(token)
    # A future modal is weak: a governing cue ("did not confirm when … will") overrides it.
    weak: str | None = None
    if result == "expected":
        weak, result = result, None
    current = token
    for _ in range(_MAX_CLIMB):
        if result is not None:
            break
        gov = current.head
        if gov.i == current.i:
            break
        dep = current.dep_
        if dep == "conj":
            if not any(c.dep_ in _SUBJECTS for c in current.children):
                # "left and crossed": one subject, one scope — but a negation stays with
                # its own verb when the conjunct has its own tense ("did not leave and
                # stayed"), unlike a shared auxiliary ("did not leave or stop").
                inherited = predicate_certainty(gov, quoted, memo)
                finite = current.tag_ in ("VBD", "VBZ", "VBP")
                if not (inherited == "denied" and finite and is_negated(gov)):
                    result = inherited
                    break
            # "X could not land, but the harbour reopened": a clause of its own keeps only
            # the cues above its first conjunct ("officials said X … and Y …").
            current = gov
            continue
        marks = {c.lower_ for c in current.children if c.dep_ == "mark"}
        if _content_clause(current, marks):
            result = _noun_content_cue(gov)
            break
        if _purpose_clause(current, marks):
            # "travelled to Lisbon to meet the minister": the meeting is the aim, not yet
            # done; under a hedge or plan it shares the governor's certainty.
            governing = predicate_certainty(gov, quoted, memo)
            result = "planned" if governing in ("confirmed", "reported") else governing
            break
        conditional = dep == "advcl" and bool(marks & _CONDITION_MARKS)
        # "did not confirm when … will resume": the parser often makes the wh-clause an
        # advcl; it is the governor's complement only when the governor is a cue.
        wh_adverbial = dep == "advcl" and any(
            c.dep_ == "advmod" and c.lower_ in _WH_WORDS for c in current.children
        )
        wh_clause = dep == "ccomp" or conditional or wh_adverbial
        if dep not in _CLIMB_DEPS and not conditional and not wh_adverbial:
            break
        result = _governor_cue(gov, current)
        if result is None and dep == "ccomp" and marks & {"whether", "if"}:
            # "investigating whether the driver fell asleep": an open question.
            result = "unconfirmed"
        if wh_adverbial and result is None:
            break
        if result is None and conditional and "whether" not in marks:
            result = "speculative"
        if result is None:
            local = _local_cue(gov)
            # A negated governor denies its complement only for actions, not for
            # "did not say whether …" (already a cue) or wh-clauses.
            if local is not None and not (local == "denied" and wh_clause):
                result = local
        current = gov
    if weak is not None and result not in ("unconfirmed", "denied", "speculative"):
        result = weak
    if result is None:
        start = token.idx
        result = "reported" if any(s <= start < e for s, e in quoted) else "confirmed"
    memo[token.i] = result
    return result


def _foreseen_subject(verb: Token) -> tuple[Token, str] | None:
    """ "Talks are scheduled for Monday", "a vote is expected on Thursday": a passive verb
    of planning or expecting with no clause of its own plans or expects its subject, the
    event the noun names; the verb itself is asserted (or reported) as usual."""
    if not is_passive(verb) or is_negated(verb):
        return None
    cue = certainty_cues().get((verb.lemma_.lower(), "governor"))
    if cue is None or cue.certainty not in ("planned", "expected"):
        return None
    if any(c.dep_ in _CLIMB_DEPS for c in verb.children):
        return None  # "is expected to spread": the clause carries the cue
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    return subject, cue.certainty


class CertaintyStage:
    def __call__(self, doc: Doc) -> Doc:
        # The quoted words only: the "X said" that interrupts a quotation is the writer's.
        quoted = [p for q in doc._.sl_quotes for p in (q.parts or [q.content])]
        memo: dict[int, str] = {}
        for i in indices_with_pos(doc, "VERB", "AUX"):
            token = doc[i]
            if _is_predicate(token):
                token._.sl_certainty = predicate_certainty(token, quoted, memo)
                foreseen = _foreseen_subject(token)
                if foreseen is not None:
                    foreseen[0]._.sl_certainty = foreseen[1]
        return doc


@Language.factory(
    "storyline_certainty",
    requires=["doc._.sl_quotes", "token.dep"],
    assigns=["token._.sl_certainty"],
)
def make_certainty(nlp: Language, name: str) -> CertaintyStage:
    return CertaintyStage()
