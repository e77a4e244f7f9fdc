"""Threats, dehumanising talk and insults in wordings no single phrase list holds.

The word lists for these are built from parts (who is aimed at, what is said or threatened),
so that one line covers many wordings; these tests hold them to ordinary debate as much as to
abuse, because the same words ("kill", "hang", "vermin", "women") fill both.
"""

from __future__ import annotations

import pytest

from masthead.standards import Action, ReviewContext, Verdict, review
from masthead.standards.lexicon import parse

from .conftest import DATA, ReviewFn, plain_lines


def _review(text: str) -> Verdict:
    return review(text, ReviewContext(site_name="Masthead News"))


def test_it_stops_abuse_in_new_wordings() -> None:
    missed = []
    for line in plain_lines("novel_abuse.txt"):
        text, _, known = line.partition("  # missed:")
        if not known and _review(text).action is Action.PUBLISH:
            missed.append(text)
    assert missed == []


def test_it_publishes_ordinary_debate_full_of_violent_words_and_groups() -> None:
    stopped = []
    for line in plain_lines("ordinary_debate.txt") + plain_lines("ordinary_unseen.txt"):
        text, _, known = line.partition("  # held:")
        verdict = _review(text)
        if not known and verdict.action is not Action.PUBLISH:
            stopped.append((text, verdict.as_dict()))
    assert stopped == []


def test_the_unseen_set_is_there_to_be_measured() -> None:
    # Its figure is reported by bench/standards_bench.py --probes, never asserted here: a test
    # that passed on it would invite tuning the lists to it.
    assert len(plain_lines("novel_abuse_unseen.txt")) == 1560
    assert (DATA / "novel_abuse_unseen.txt").read_text().startswith("# Written on 28 November 2026")


# Threats count under the insults-and-threats rule; dehumanising talk about a group is hate.
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("I'll break your jaw if I ever see you.", "insults"),
        ("I'll br3ak your j@w if I ever see you.", "insults"),  # leetspeak
        ("I know where you live.", "insults"),
        ("I know where you l i v e.", "insults"),  # spaced letters
        ("Somebody should put a bullet in that judge.", "insults"),
        ("Somebody should put a bu\u200bllet in that judge.", "insults"),  # zero-width space
        ("We will hunt you down.", "insults"),
        ("Hope your kids get cancer.", "insults"),
        ("Your mother should have aborted you.", "insults"),
        ("You deserve a good beating.", "insults"),
        ("Keep talking and see what happens.", "insults"),
        ("Migrants are vermin.", "hate"),
        ("Those people breed like rats.", "hate"),
        ("Jews control the banks.", "hate"),
        ("Mexicans are all drug dealers and rapists.", "hate"),
        ("Women belong in the kitchen.", "hate"),
        ("Go back to your own country.", "hate"),
        ("Gays are diseased perverts.", "hate"),
        ("Send them to the gas chambers.", "hate"),
        ("Immigrants are vеrmin.", "hate"),  # Cyrillic е
        # Built on classes, whatever the creature or thing named (none of these is in a set).
        ("You are a greasy little ferret.", "insults"),
        ("Sit down, you bloated walrus.", "insults"),
        ("The columnist is a preening, cowardly hamster.", "insults"),
        ("She has the intellect of a garden gnome.", "insults"),
        ("Your opinions read like they were written by a confused pigeon.", "insults"),
        ("Unemployed people are parasites on the rest of us.", "hate"),
        ("Albanian drivers are feral, every one of them.", "hate"),
        ("Pensioners are a burden this country cannot afford.", "hate"),
        ("Sweep those people off our streets.", "hate"),
        ("Nice car you have. Shame if something happened to it.", "insults"),
        ("I know which train you catch on Fridays.", "insults"),
        ("Line them all up against a wall.", "insults"),
        ("Keep writing this and you'll learn what happens to reporters who lie.", "insults"),
        ("We know where your newsroom is, by the way.", "insults"),
        ("Let's all email his employer and ring his mobile until he quits.", "insults"),
        ("One more word and I'll rearrange your face.", "insults"),
        ("Somebody should batter that pundit.", "insults"),
        ("Imagine being so dim you can't find the door.", "insults"),
        ("Students aren't real people, just walking loans.", "hate"),
        ("Southern Europeans are an invasion force.", "hate"),
        # Threats with no weapon, a faith or people called a disease or born to vice, a person
        # equated with a contemptuous thing (27 November, evening; none of these is in a set).
        (
            "A few of us should pay the editor a visit one night and discuss his headlines.",
            "insults",
        ),
        ("We know which pub the columnist drinks in on Fridays.", "insults"),
        ("Carry on like this and I'll make sure you end up in intensive care.", "insults"),
        ("By the time we're done he'll need a new set of teeth, promise.", "insults"),
        ("The magistrate who let him off deserves a date with the hangman.", "insults"),
        ("Those strikers blocking the depot should all be run over.", "insults"),
        ("Wouldn't lose any sleep if the judge's car came off the road one night.", "insults"),
        ("Shame if that editor's house caught fire while he slept.", "insults"),
        ("Hinduism is a disease and every temple is a breeding ground for vermin.", "hate"),
        ("That lot from that village are born liars and thieves, it's in their genes.", "hate"),
        ("Crime is in their DNA, every last one of them.", "hate"),
        ("Trans people want to teach our kids, they're not right in the head.", "hate"),
        ("The chancellor is a bloated sack of lard with a calculator.", "insults"),
        ("Your columnists are the lowest form of gutter slime.", "insults"),
        ("Another rant from a lazy, brain-dead hack.", "insults"),
        ("What a snivelling weasel of a minister.", "insults"),
        ("You have the political instincts of a wet sock.", "insults"),
        ("Whenever the pundit speaks the average IQ in the studio plummets.", "insults"),
        ("Run along now, sweetie, the grown-ups are talking.", "insults"),
        ("Don't you have anything better to do? No wonder your wife left you.", "insults"),
        ("Bankers are a nest of rats and the regulator knows it.", "insults"),
        ("You're exactly what happens when cousins marry.", "insults"),
        # Spellings and tenses readers use, a titled person named, a death looked forward to,
        # a group called vermin as a whole (27 November, night; none of these is in a set).
        ("Hope ur cat gets run over, you deserve it.", "insults"),
        ("Shame the office didn't burn down with him still inside.", "insults"),
        ("Go and play in the traffic, Sandra.", "insults"),
        ("Mayor Ellison should be tarred and feathered, honestly.", "insults"),
        ("Honestly can't wait till the lot of them croak.", "insults"),
        ("Scroungers on the estate? Parasites, every last one of them.", "hate"),
        ("Every one of them is a parasite and we all know it.", "hate"),
        # Harm wished as an illness, an injury or a road death (27 November, late night).
        ("Here's hoping the chairman catches something nasty on his cruise.", "insults"),
        ("Hope the ref snaps both legs on the ice.", "insults"),
        ("With any luck the landlord ends up under a bus.", "insults"),
        ("Wishing the mayor a long and painful illness.", "insults"),
        ("Watch your step, mate.", "insults"),
        ("Watch your back, snitch.", "insults"),
        ("Hope the landlord gets a lifetime of migraines.", "insults"),
    ],
)
def test_threats_and_dehumanising_talk_are_stopped_under_their_rule(
    check: ReviewFn, text: str, rule: str
) -> None:
    verdict = check(text)
    assert rule in verdict.rules, verdict.as_dict()
    assert verdict.action is not Action.PUBLISH


@pytest.mark.parametrize(
    "text",
    [
        "I think illegal immigrants should be deported, but humanely.",
        "We will crush them at the ballot box next May.",
        "We must kill the bill before the third reading.",
        "The killer was convicted; I hope he rots in jail.",
        "The minister was hanged in effigy by protesters.",
        "I'll take out the paragraph about tolls, it was wrong.",
        "How to skateboard and not kill yourself, a beginner's guide.",
        "You absolute legend, thanks for the timetable.",
        "Are you feeling better after the flu?",
        "Chest tattoos are trash, sorry.",
        "I will deal with these questions in the next column.",
        "The district nurses pay her a visit at home every morning, and they have been wonderful.",
        "Everyone knows what the minister works for: her donors, not her constituents.",
        "I'll put her in the wheelchair and take her down to the polling station myself.",
        "The figures should be rounded up to the nearest pound in the annual report.",
        "I hope they fix the junction before someone has an accident.",
        "The kids built a tree house with a tree and a rope swing from the hardware shop.",
        "The drinking culture is a cancer in football and the clubs know it.",
        "Magpies are natural thieves, they raid our bird feeder every morning.",
        "Spineless MPs voted the bill through without reading it.",
        "She's what happens when a club invests properly in its youth system.",
        "The barn burned down with the horses inside, the fire crews said.",
        "Can't wait for the protests to die down so the buses can run again.",
        "Judge Reed should be knocked down a peg by the appeal court.",
        "Hope ur mum feels better soon, she was brilliant at the fete.",
        "The animals, all of them, were rescued from the flooded farm.",
        "Can't wait till they finish the roadworks on the high street.",
        "Hope the striker gets a stroke of luck next season.",
        "Hope she breaks the record on Saturday.",
        "Hope he does not end up under a bus crossing that junction.",
        "I hope he never dies, the old legend.",
        "Wishing my gran a peaceful end, she's suffered enough.",
        "Hope my dad doesn't get dementia like his mother did.",
        "Watch your step on the ice outside the library, I nearly went over this morning.",
        "Watch your step on the stairs by the station, the handrail is loose.",
    ],
)
def test_ordinary_uses_of_the_same_words_are_published(check: ReviewFn, text: str) -> None:
    verdict = check(text)
    assert verdict.action is Action.PUBLISH, verdict.as_dict()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Я тебя найду и убью, понял?", "insults"),
        ("Знаю, где ты живёшь.", "insults"),
        ("Чтоб ты сдох.", "insults"),
        ("Всех их к стенке!", "insults"),
        ("Мигранты — это крысы.", "hate"),
        ("Беженцев надо всех уничтожить.", "hate"),
        ("Убирайтесь в свою страну!", "hate"),
        ("Мигранты работают на стройках города уже много лет.", None),
        ("Я тебя понимаю, но не согласен.", None),
        ("Надо убить этот законопроект в комитете.", None),
    ],
)
def test_the_same_on_a_russian_language_site(check: ReviewFn, text: str, rule: str | None) -> None:
    verdict = check(text, site_language="ru")
    if rule is None:
        assert verdict.action is Action.PUBLISH, verdict.as_dict()
    else:
        assert rule in verdict.rules, verdict.as_dict()
        assert verdict.action is Action.REJECT


def test_a_word_list_line_can_use_named_parts() -> None:
    lexicon = parse(
        "demo",
        [
            "# define WHO: (?:you|they)",
            "# define ARE: (?:{WHO}\\s+are)",
            "{ARE}\\s+rats\t0.7",
        ],
    )
    [match] = lexicon.find("honestly they are rats")
    assert (match.term, match.score) == ("they are rats", 0.7)


def test_a_word_list_with_an_undefined_part_fails_when_loaded() -> None:
    with pytest.raises(ValueError, match="NOBODY"):
        parse("demo", ["{NOBODY}\\s+rats"])


@pytest.mark.parametrize(
    ("term", "words"),
    [
        (
            "(?:you|u)(?:['’]re|\\s+are)\\s+an?\\s+idiot",
            {"you're", "you’re", "you", "u're", "u’re", "u"},
        ),
        ("idiots?", {"idiot", "idiots"}),
        ("brain-?dead\\s+hack", {"brain", "braindead"}),
        ("(?<!not )kill\\s+yourself", {"kill"}),
        ("f+u+c*k+\\w*", None),  # not a fixed set: looked up by its first letter instead
        ("(?:i|we)?\\s*hope", None),  # may start with a space
    ],
)
def test_the_scanner_reads_the_words_a_line_can_start_with(
    term: str, words: set[str] | None
) -> None:
    from masthead.standards.lexicon import _first_words

    assert _first_words(term) == (None if words is None else frozenset(words))


def test_a_line_still_matches_before_an_apostrophe(check: ReviewFn) -> None:
    # "idiot's" is one word to the scanner, and "idiot" a line of its own.
    assert "insults" in check("Two to the chest, one to that idiot's head.").rules


def test_a_wish_that_something_never_happens_is_not_a_wish_of_harm(check: ReviewFn) -> None:
    # The threat list once read "never" as any word between the wish and the harm and rejected
    # this; the classifier may still hold it for a person, but no list rejects it.
    verdict = check("Hope she never gets cancer like her mum did.")
    assert verdict.action is not Action.REJECT, verdict.as_dict()
    assert "word list" not in str(verdict.as_dict())
