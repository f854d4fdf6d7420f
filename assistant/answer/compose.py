"""The offline answerer for prose: the question's best-matching sentences, each one cited.

Sentences are chosen by the weight (idf) of the question's words they share, counting the words
of their section headings at half weight, and by how high their passage ranked. Nothing is
paraphrased, so nothing can be invented.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from assistant.answer.citations import CitationBook
from assistant.answer.question_form import (
    QUANTITY_FOCUS,
    AnswerType,
    answer_type,
    document_words,
    premises,
    uncovered_focus,
)
from assistant.answer.validate import looks_like_instruction
from assistant.index.lexical import LexicalIndex, shared_terms, tokenize
from assistant.retrieve.hybrid import ScoredChunk
from assistant.text.dates import DATELINE
from assistant.text.sentences import split_sentences
from assistant.types import Answer, Chunk

NO_SUPPORT = (
    "Jag hittar inget i underlaget som besvarar frågan, så jag avstår från att svara. "
    "Pröva att formulera om frågan, eller fråga om uppdraget, kvalitetsdialogerna, "
    "framgångsfaktorerna eller den valda huvudmannens indikatorer."
)
# Said of a part of a message that the material does not answer, when the rest is answered.
UNANSWERED_PART = "Underlaget svarar inte på den här delen av frågan: ”{}”"
PASSAGES_CONSIDERED = 4
MIN_SENTENCE_CHARS = 25
HEADING_WEIGHT = 0.5
# A short top sentence often only announces what follows ("Orterna valdes utifrån tre
# kriterier."); the next sentence of the same passage then carries the content.
LEAD_SENTENCE_CHARS = 90
FOLLOWING_SENTENCES = 2
# A sentence's closeness in meaning counts this much of the question's total word weight.
DENSE_WEIGHT = 0.5
# Cosine spread below which sentences count as equally close (e5-small's lie within about 0.1).
MIN_DENSE_SPREAD = 0.1
# Where the sentence that carries the answer sits beside the one that matches: next, then before.
NEIGHBOUR_OFFSETS = (1, -1, 2)
BULLETS = ("-", "*", "•", "–")
# How many items of a list a sentence introduces are quoted with it.
LIST_ITEMS = 6
# A list whose heading holds this share of the question's word weight answers a question for a
# list by itself, found among this many passages: a heading is often a list's only lead-in.
HEADED_LIST_COVERAGE = 0.5
HEADED_LIST_PASSAGES = 6
# A list inside a sentence: a colon, then at least three items separated by commas.
ENUMERATION = re.compile(r":\s*[^,.:;]+(?:,[^,.:;]+){2,}")
# Sentences in a row that each name their own subject and then the same word of the question
# ("X bidrar med …"): this many make a list.
PARALLEL_SENTENCES = 3
YEAR_TERM = re.compile(r"\b(?:19|20)\d{2}\b")
ANNOUNCING = re.compile(
    r"\bföljande\b|\b(två|tre|fyra|fem|sex|flera|några|olika)\s+(\w+\s+)?"
    r"(skäl|kriterier|orsaker|delar|steg|saker|områden|faktorer|anledningar|sätt|uppgifter|"
    r"myndigheter|byggstenar|moment)\b",
    re.IGNORECASE,
)


# "I dag" in a press release is the day it was published, which its dateline gives.
RELATIVE_DAY = re.compile(r"\bi (?:dag|går|morgon)\b", re.IGNORECASE)
# Words that ask when a page itself came out, which its dateline answers.
PUBLISHING = re.compile(
    r"\b(?:publicer|uppdater|daterad)\w*|\b(?:gick|kom)\s+(?:\w+\s+){0,2}?ut\b", re.IGNORECASE
)
# A quote in a press release opens with a dash and ends with who said it.
QUOTE_OPENERS = ("–", "—", "”", '"', "“")
SAYS = re.compile(
    r",\s*(?:säger|sa|menar|betonar|förklarar|konstaterar|berättar|fortsätter)\s+[A-ZÅÄÖ]"
)
QUOTE_SENTENCES = 4
# A sentence that opens with a word pointing back to the one before; "Det finns", "Det är" and
# the like are no reference.
REFERS_BACK = re.compile(
    r"(?:Detta|Dessa|Denna|Det här|Den här|Det|Den|De)\s+(?!finns\b|fanns\b|är\b|var\b|blir\b|"
    r"blev\b|gäller\b|handlar\b|som\b|har\b|hade\b|kan\b|ska\b)\w+"
)


Similarity = Callable[[str], float | None]


@dataclass(frozen=True)
class Candidate:
    rank: int  # passage rank, 0 = best
    position: int  # sentence position in its passage
    text: str
    score: float
    covered: frozenset[str]  # the question's words it holds, with its headings'
    terms: frozenset[str]  # all its words and its headings'
    own: frozenset[str]  # the question's words in the sentence itself
    chunk: Chunk  # the passage it is quoted from
    # Whether the question asks for questions ("vilka frågor kan jag ställa"), so that the
    # material's own ("Frågor att ställa") may be quoted.
    questions_wanted: bool = False


@dataclass(frozen=True)
class AskedPart:
    """One of the questions a message asks, with what its own search found."""

    question: str
    hits: Sequence[ScoredChunk]
    context: Sequence[ScoredChunk] = ()
    similarity: Similarity | None = None


def sentence_candidates(
    wanted: set[str],
    hits: Sequence[ScoredChunk],
    lexical: LexicalIndex,
    similarity: Similarity | None = None,
    questions_wanted: bool = False,
) -> list[list[Candidate]]:
    """The sentences of each passage, scored against the question's words and, when sentence
    vectors are at hand, its meaning: a paraphrase shares few words but lies close."""
    total = sum(lexical.idf(t) for t in wanted)
    split = [split_sentences(hit.chunk.text) for hit in hits]
    closeness = _relative_closeness([s for sentences in split for s in sentences], similarity)
    passages = []
    for rank, (hit, sentences) in enumerate(zip(hits, split, strict=True)):
        # The document's title heads every passage of it (a press release's headline).
        heading_terms = lexical.terms(" ".join([hit.chunk.title, *hit.chunk.heading_path]))
        heading_words = shared_terms(wanted, heading_terms)
        candidates = []
        for position, sentence in enumerate(sentences):
            terms = lexical.terms(sentence)
            shared = shared_terms(wanted, terms)
            weight = sum(lexical.idf(t) for t in shared)
            weight += HEADING_WEIGHT * sum(lexical.idf(t) for t in heading_words - shared)
            weight += DENSE_WEIGHT * total * closeness.get(sentence, 0.0)
            candidates.append(
                Candidate(
                    rank,
                    position,
                    sentence,
                    weight / (1 + 0.5 * rank),
                    frozenset(shared | heading_words),
                    frozenset(terms | heading_terms),
                    frozenset(shared),
                    hit.chunk,
                    questions_wanted,
                )
            )
        passages.append(candidates)
    return passages


def _relative_closeness(
    sentences: Sequence[str], similarity: Similarity | None
) -> dict[str, float]:
    """Each sentence's similarity to the question scaled to 0–1 among these sentences: cosine
    levels differ between models, the order within one question does not."""
    if similarity is None:
        return {}
    scores = {s: v for s in dict.fromkeys(sentences) if (v := similarity(s)) is not None}
    if len(scores) < 2:
        return {}
    low, high = min(scores.values()), max(scores.values())
    # When all sentences lie about as close, the differences are noise, not meaning.
    spread = max(high - low, MIN_DENSE_SPREAD)
    return {s: (v - low) / spread for s, v in scores.items()}


def quotable(candidate: Candidate) -> bool:
    # Questions in the material ("Frågor att ställa") are prompts for the lead, not answers,
    # unless the lead asks for them; text that tries to instruct a model is not a fact either.
    text = candidate.text.rstrip()
    return (
        len(text) >= MIN_SENTENCE_CHARS
        and not _unwanted_question(candidate)
        and not looks_like_instruction(text)
    )


def _unwanted_question(candidate: Candidate) -> bool:
    return candidate.text.rstrip().endswith("?") and not candidate.questions_wanted


def compose_answer(
    question: str,
    hits: Sequence[ScoredChunk],
    lexical: LexicalIndex,
    *,
    max_sentences: int,
    min_relative_score: float,
    min_coverage: float,
    ignore_words: Collection[str] = (),
    similarity: Similarity | None = None,
    context: Sequence[ScoredChunk] = (),
    parts: Sequence[AskedPart] = (),
) -> Answer:
    """An extractive, cited answer; `supported: false` when too little of the question matches,
    when no sentence carries the sort of answer the question asks for, or when the thing it asks
    about is not in what would be cited.

    `context` holds passages beside the best one (the rest of its document): their sentences may
    carry the answer a top sentence lacks, such as an identifier in a reference line.

    `parts` are the questions of a message that asks more than one ("…, och vad ska samtalen
    vila på?"), each with its own search: the words of the whole favour the part with more of
    them, so each part's sentences join the answer. Unless the whole is answered, every part
    must be."""

    def choose(asked: AskedPart) -> list[Candidate]:
        return _chosen_sentences(
            asked,
            lexical,
            max_sentences=max_sentences,
            min_relative_score=min_relative_score,
            min_coverage=min_coverage,
            ignore_words=ignore_words,
        )

    chosen = choose(AskedPart(question, hits, context, similarity))
    answered = [choose(part) for part in parts]
    unanswered = [part.question for part, found in zip(parts, answered, strict=True) if not found]
    if not chosen and (unanswered or not parts):
        return Answer(answer=NO_SUPPORT, supported=False)
    merged = {(c.chunk.chunk_id, c.position): c for c in chosen}
    for found in answered:
        for c in found:
            merged.setdefault((c.chunk.chunk_id, c.position), c)
    book = CitationBook()
    quoted = [with_marker(c.text, book.cite(c.chunk)) for c in merged.values()]
    # Not a fact from the material but what it lacks, so it carries no marker.
    quoted += [UNANSWERED_PART.format(part.rstrip()) for part in unanswered]
    return Answer(answer=" ".join(quoted), supported=True, citations=book.citations())


def _chosen_sentences(
    asked: AskedPart,
    lexical: LexicalIndex,
    *,
    max_sentences: int,
    min_relative_score: float,
    min_coverage: float,
    ignore_words: Collection[str],
) -> list[Candidate]:
    """The sentences that answer the question, in reading order, or none when they do not."""
    question = asked.question
    shown = asked.hits[:PASSAGES_CONSIDERED]
    considered = [*shown, *asked.context]
    kind = answer_type(question)
    asking = kind.asking_words(question) if kind is not None else ""
    ignored = lexical.terms(" ".join([*ignore_words, *document_words(), asking]))
    wanted = lexical.terms(question) - ignored
    total = sum(lexical.idf(t) for t in wanted)
    questions_wanted = kind is not None and kind.quotes_questions
    passages: Sequence[Sequence[Candidate]] = sentence_candidates(
        wanted, considered, lexical, asked.similarity, questions_wanted
    )
    ranked = sorted(
        (c for sentences in passages for c in sentences if quotable(c)),
        key=lambda c: (-c.score, c.rank, c.position),
    )
    top = [c for c in ranked if c.rank < len(shown)]
    best = top[0].score if top else 0.0
    # A sentence that shares none of the question's words itself (a date line under a matching
    # headline) is quoted only beside one that does; the items of a list under a matching
    # heading are the exception.
    chosen = [c for c in top if (c.own or list_item(c)) and c.score >= min_relative_score * best]
    # A question for reasons or parts is answered by a whole list when it hits one item of it.
    asks_for_list = kind is not None and kind.lists
    chosen = _with_following(chosen[:max_sentences], passages, max_sentences, asks_for_list)
    if asks_for_list and not any(list_item(c) for c in chosen):
        headed = _list_under_heading(wanted, asked.hits, passages, lexical)
        if headed is not None:
            chosen, passages = headed

    def with_answer_type(chosen: list[Candidate]) -> list[Candidate]:
        if not chosen or kind is None:
            return chosen
        carries = _carrier_test(question, kind, lexical)
        publishing = PUBLISHING.search(question) is not None
        return _with_answer_sentences(
            chosen, passages, ranked, carries, max_sentences, kind.required, publishing
        )

    chosen = with_answer_type(chosen)
    missing = _missing_focus(question, chosen, lexical, ignore_words)
    if chosen and missing:
        # The best-matching sentences miss what the question is about ("vilka tecken …"): the
        # best sentence that has it, under its heading or in its words, answers instead.
        refocused = next(
            (
                c
                for c in top
                if (c.own or list_item(c))
                and not _missing_focus(question, [*chosen, c], lexical, ignore_words)
            ),
            None,
        )
        if refocused is not None:
            # The sentence that names the thing must still come with the sort of answer asked.
            chosen = with_answer_type(
                _with_following([refocused], passages, max_sentences, asks_for_list)
            )
            missing = _missing_focus(question, chosen, lexical, ignore_words)
    covered = set().union(*(c.covered for c in chosen)) if chosen else set()
    coverage = sum(lexical.idf(t) for t in covered) / total if total else 0.0
    if coverage < min_coverage or not focus_covered(question, covered, lexical) or missing:
        return []
    chosen = _with_antecedents(_with_whole_quotes(chosen, passages), passages)
    return _with_gaps_filled(sorted(chosen, key=lambda c: (c.rank, c.position)), passages)


def _with_gaps_filled(
    chosen: Sequence[Candidate], passages: Sequence[Sequence[Candidate]]
) -> list[Candidate]:
    """A sentence between two quoted ones of the same passage is quoted too: the text runs
    through it ("Grunden är en tillgänglig lärmiljö …" before "Räcker inte det …")."""
    found = list(chosen)
    for before, after in itertools.pairwise(chosen):
        if before.rank == after.rank and after.position - before.position == 2:
            between = passages[before.rank][before.position + 1]
            if quotable(between):
                found.insert(found.index(after), between)
    return found


def _with_following(
    chosen: list[Candidate],
    passages: Sequence[Sequence[Candidate]],
    max_sentences: int,
    asks_for_list: bool,
) -> list[Candidate]:
    """A short lead sentence often only announces what follows ("Orterna valdes utifrån tre
    kriterier."), and one that introduces a list ("… till följande myndigheter:") is followed
    by its items: the next sentences of the same passage then carry the content."""
    if not chosen:
        return chosen
    for at, candidate in enumerate(chosen):
        if announces(candidate.text):
            items = _next_sentences(candidate, passages, LIST_ITEMS)
            rest = [c for c in chosen if c is not candidate and c not in items]
            return [*rest[:at], candidate, *items, *rest[at:]][: max_sentences + LIST_ITEMS]
    listed = _whole_list(chosen, passages, 1 if asks_for_list else 2)
    if asks_for_list and not listed:
        listed = _parallel_sentences(chosen, passages)
    if listed:
        rest = [c for c in chosen if c not in listed]
        return [*listed, *rest][: max_sentences + LIST_ITEMS]
    if asks_for_list:
        chosen = _with_enumerations(chosen, passages)
    lead = chosen[0]
    if len(lead.text) >= LEAD_SENTENCE_CHARS:
        return chosen
    following = _next_sentences(lead, passages, FOLLOWING_SENTENCES)
    rest = [c for c in chosen[1:] if c not in following]
    return [lead, *following, *rest][:max_sentences]


def _with_whole_quotes(
    chosen: Sequence[Candidate], passages: Sequence[Sequence[Candidate]]
) -> list[Candidate]:
    """A quote ("– Vi vill finnas där huvudmännen finns. Korta avstånd …, säger Sara N.") is
    quoted whole: its first sentence says what, its last who said it."""
    found = list(chosen)
    for candidate in chosen:
        sentences = passages[candidate.rank]
        at = candidate.position
        opens = [
            i
            for i in range(at, max(at - QUOTE_SENTENCES, -1), -1)
            if sentences[i].text.lstrip().startswith(QUOTE_OPENERS)
        ]
        closes = [
            i
            for i in range(at, min(at + QUOTE_SENTENCES, len(sentences)))
            if SAYS.search(sentences[i].text)
        ]
        if not opens or not closes:
            continue
        start, end = opens[0], closes[0]
        if any(SAYS.search(sentences[i].text) for i in range(start, at)):
            continue  # the opener belongs to an earlier quote that has ended
        found += [c for c in sentences[start : end + 1] if c not in found]
    return found


def _with_antecedents(
    chosen: Sequence[Candidate], passages: Sequence[Sequence[Candidate]]
) -> list[Candidate]:
    """A sentence that opens by pointing back ("Det kräver tid …", "Dessa delar …") is quoted
    with the sentence it points to, which says what "det" is."""
    found = list(chosen)
    for candidate in chosen:
        if candidate.position == 0 or not REFERS_BACK.match(candidate.text.lstrip()):
            continue
        before = passages[candidate.rank][candidate.position - 1]
        if before not in found and quotable(before):
            found.append(before)
    return found


def _missing_focus(
    question: str,
    chosen: Sequence[Candidate],
    lexical: LexicalIndex,
    ignore_words: Collection[str],
) -> list[str]:
    terms = set().union(*(c.terms for c in chosen)) if chosen else set()
    # A year the question names may stand in the passage's date line rather than the sentence.
    terms |= {y for c in chosen for y in YEAR_TERM.findall(c.chunk.text)}
    return uncovered_focus(question, terms, lexical.terms, ignore_words)


def _list_under_heading(
    wanted: set[str],
    hits: Sequence[ScoredChunk],
    passages: Sequence[Sequence[Candidate]],
    lexical: LexicalIndex,
) -> tuple[list[Candidate], list[Sequence[Candidate]]] | None:
    """The items of the best-ranked passage that is a list under a heading naming what the
    question asks for ("Indikatorer som underlaget brukar innehålla"), with the passages
    extended by it when it ranked below those considered."""
    total = sum(lexical.idf(t) for t in wanted)
    for rank, hit in enumerate(hits[:HEADED_LIST_PASSAGES]):
        if not hit.chunk.heading_path or not total:
            continue
        heading = shared_terms(wanted, lexical.terms(hit.chunk.heading_path[-1]))
        if sum(lexical.idf(t) for t in heading) < HEADED_LIST_COVERAGE * total:
            continue
        if rank < PASSAGES_CONSIDERED:  # the passages considered start with the first hits
            sentences, extended = passages[rank], list(passages)
        else:
            (found,) = sentence_candidates(wanted, [hit], lexical)
            sentences = [replace(c, rank=len(passages)) for c in found]
            extended = [*passages, sentences]
        items = [c for c in sentences if list_item(c)]
        if len(items) >= 2:
            return items[:LIST_ITEMS], extended
    return None


def _whole_list(
    chosen: Sequence[Candidate], passages: Sequence[Sequence[Candidate]], min_items: int
) -> list[Candidate]:
    """When `min_items` or more chosen sentences are items of one list, the list is the answer:
    all its items, in order, not the ones that happened to share most words."""
    items = [c for c in chosen if list_item(c)]
    for rank in dict.fromkeys(c.rank for c in items):
        positions = [c.position for c in items if c.rank == rank]
        if len(positions) < min_items:
            continue
        sentences = passages[rank]
        start, end = min(positions), max(positions)
        while start > 0 and list_item(sentences[start - 1]):
            start -= 1
        while end + 1 < len(sentences) and list_item(sentences[end + 1]):
            end += 1
        return list(sentences[start : end + 1][:LIST_ITEMS])
    return []


def _with_enumerations(
    chosen: Sequence[Candidate], passages: Sequence[Sequence[Candidate]]
) -> list[Candidate]:
    """Each chosen sentence followed by the next one of its passage when that one is a list in
    itself ("SKR kallar det att ha koll på läget. Bilden bygger på data: betyg, …, …")."""
    found: list[Candidate] = []
    for candidate in chosen:
        found.append(candidate)
        sentences = passages[candidate.rank]
        after = sentences[candidate.position + 1 : candidate.position + 2]
        if after and ENUMERATION.search(after[0].text) and after[0] not in chosen:
            found += [c for c in after if quotable(c)]
    return found


def _parallel_sentences(
    chosen: Sequence[Candidate], passages: Sequence[Sequence[Candidate]]
) -> list[Candidate]:
    """A list written as sentences of one form: each names its own subject and then the same
    word of the question ("Skolinspektionen bidrar med …", "SPSM bidrar med …"). The longest
    such run through a chosen sentence, when it has `PARALLEL_SENTENCES` or more."""
    best: Sequence[Candidate] = ()
    for candidate in chosen:
        sentences = passages[candidate.rank]
        for term in candidate.own:
            if not _says_after_subject(candidate, term):
                continue
            start = end = candidate.position
            while start > 0 and _says_after_subject(sentences[start - 1], term):
                start -= 1
            while end + 1 < len(sentences) and _says_after_subject(sentences[end + 1], term):
                end += 1
            if end - start + 1 > len(best):
                best = sentences[start : end + 1]
    if len(best) < PARALLEL_SENTENCES:
        return []
    return [c for c in best if quotable(c)][:LIST_ITEMS]


def _says_after_subject(candidate: Candidate, term: str) -> bool:
    """Whether the sentence's second or third content word is `term` (its predicate)."""
    return bool(shared_terms({term}, tokenize(candidate.text)[1:3]))


def _next_sentences(
    lead: Candidate, passages: Sequence[Sequence[Candidate]], count: int
) -> list[Candidate]:
    return [
        c
        for c in passages[lead.rank]
        if lead.position < c.position <= lead.position + count and (quotable(c) or list_item(c))
    ]


def list_item(candidate: Candidate) -> bool:
    """A list item after a sentence that introduces it: short ("- Skolinspektionen") but content."""
    text = candidate.text.strip()
    return (
        text.startswith(BULLETS)
        and not _unwanted_question(candidate)
        and not looks_like_instruction(text)
    )


def _carrier_test(
    question: str, kind: AnswerType, lexical: LexicalIndex
) -> Callable[[Candidate], bool]:
    """Whether a sentence carries the asked-for sort of answer; for "hur många dialoger" the
    number must count the dialogues ("fyra orter" and "inom tre år" count something else)."""
    match = QUANTITY_FOCUS.search(question)
    counted = set(tokenize(match[1])) if match else set()

    given = premises(question)

    def carries(candidate: Candidate) -> bool:
        if not counted:
            return kind.carried_by(candidate.text, given)
        return any(
            any(stem in word for stem in counted for word in counted_words)
            for counted_words in kind.counted_words(candidate.text)
        )

    return carries


def _with_answer_sentences(
    chosen: list[Candidate],
    passages: Sequence[Sequence[Candidate]],
    ranked: Sequence[Candidate],
    carries: Callable[[Candidate], bool],
    max_sentences: int,
    required: bool,
    about_publishing: bool = False,
) -> list[Candidate]:
    """The chosen sentences with the one that carries the asked-for sort of answer: already among
    them, a neighbour of one of them (the sentence that says where, after the one that says
    what), or the best sentence elsewhere that carries it and shares the question's words.
    Empty when none does and the form requires it; questions for reasons and lists keep the
    sentences that run on after the lead."""

    def answers(candidate: Candidate) -> bool:
        # A dateline says when its page came out: it answers a question about that, and dates
        # a sentence of its page that says "i dag" (below), but no other event.
        dateline = DATELINE.match(candidate.text.strip()) is not None
        return carries(candidate) and (about_publishing or not dateline)

    if any(answers(c) for c in chosen):
        return chosen
    for candidate in chosen:
        dateline = _dateline(candidate, passages)
        if dateline is not None and carries(dateline):
            return [dateline, *chosen][:max_sentences]
    for candidate in chosen:
        for offset in NEIGHBOUR_OFFSETS:
            position = candidate.position + offset
            sentences = passages[candidate.rank]
            if 0 <= position < len(sentences):
                neighbour = sentences[position]
                if quotable(neighbour) and answers(neighbour):
                    rest = [c for c in chosen if c is not candidate]
                    return [candidate, neighbour, *rest][:max_sentences]
    carrier = next((c for c in ranked if c.own and answers(c)), None)
    if carrier is not None:
        return [carrier, *chosen][:max_sentences]
    return [] if required else chosen


def _dateline(candidate: Candidate, passages: Sequence[Sequence[Candidate]]) -> Candidate | None:
    """For a sentence that dates itself by the day it was written ("I dag invigdes …"), the
    line that says which day that was ("Publicerad 2 juni 2022") in the same document."""
    if not RELATIVE_DAY.search(candidate.text):
        return None
    return next(
        (
            c
            for sentences in passages
            for c in sentences
            if c.chunk.source == candidate.chunk.source and DATELINE.match(c.text.strip())
        ),
        None,
    )


def announces(sentence: str) -> bool:
    """Whether a sentence introduces what the next ones say: "… tre kriterier:", "Skälen är
    flera."."""
    return sentence.rstrip().endswith(":") or bool(ANNOUNCING.search(sentence))


def focus_covered(question: str, covered: Collection[str], lexical: LexicalIndex) -> bool:
    """False when the question counts something ("hur mycket pengar") that no chosen sentence
    names."""
    match = QUANTITY_FOCUS.search(question)
    focus = lexical.terms(match[1]) if match else set()
    return not focus or bool(focus & set(covered))


def with_marker(sentence: str, mark: str) -> str:
    """The sentence with its citation marker placed before the final stop."""
    text = sentence.lstrip("-*• ").rstrip()
    if text[-1:] in ".!?:":
        return f"{text[:-1]} {mark}{'.' if text[-1] == ':' else text[-1]}"
    return f"{text} {mark}."
