"""attribute_quotes on the shapes of real news copy, one phenomenon per test.

Every sentence here was written for these tests (US and wire style alike).
"""

from __future__ import annotations

from index.attribution import analyse_article, article_mentions, attribute_quotes
from index.models import Article
from tests.attribution_helpers import one, quotes_of

# -- one quote per statement ---------------------------------------------------------------

def test_quote_continued_in_the_next_sentence_is_one_quote() -> None:
    quotes = quotes_of('"The ferry will not sail today," Nora Quist said. "The wind is too strong."')
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text.endswith("too strong.") and q.speaker.name == "Nora Quist"


def test_long_attribution_between_the_pieces_still_joins_them() -> None:
    quotes = quotes_of(
        '"We expected the delay," said Tomas Berg, a planner at the harbour office who has '
        'worked on the project for a decade. "Nobody expected the cost."')
    assert len(quotes) == 1 and quotes[0].speaker.name == "Tomas Berg"


def test_separate_statements_with_their_own_verbs_stay_separate() -> None:
    quotes = quotes_of('"The pier is closed," Berg said. "It reopens in June," he added.')
    assert [q.cue for q in quotes] == ["said", "added"]


def test_a_verb_with_a_colon_introduces_the_next_quote_not_the_last() -> None:
    quotes = quotes_of("''We lost the harvest,'' Ms. Lund said. ''All of it.'' Mr. Okafor "
                       "said: ''The insurers will not pay.''")
    assert one(quotes, "harvest").speaker.name == "Lund"
    assert one(quotes, "All of it").speaker.name == "Lund"
    assert one(quotes, "insurers").speaker.name == "Okafor"


def test_quote_over_paragraphs_after_a_paragraph_ending_in_a_colon() -> None:
    quotes = quotes_of("The council chair, Ida Moreno, read out her reply:\n\n"
                       '"The road will be rebuilt before winter.\n\n'
                       '"Every household will get a letter."')
    assert len(quotes) == 1
    assert quotes[0].speaker.name == "Ida Moreno" and "\n\n" in quotes[0].text


# -- mixed quotes --------------------------------------------------------------------------

def test_mixed_quote_is_the_whole_reported_clause() -> None:
    q = one(quotes_of('Councillor Pia Ekdahl said the new tariff was "a tax on the poor" '
                      "and should be withdrawn."), "tax on the poor")
    assert q.kind == "indirect"
    assert q.text == 'the new tariff was "a tax on the poor" and should be withdrawn'


def test_a_verb_that_names_quoted_words_takes_its_object_with_them() -> None:
    q = one(quotes_of('Mayor Ines Falk called the audit "a fairy tale" on Tuesday.'), "fairy")
    assert (q.kind, q.text, q.speaker.name) == ("indirect", 'the audit "a fairy tale"', "Ines Falk")


def test_clause_that_is_all_quote_stays_a_direct_quote() -> None:
    q = one(quotes_of('Ines Falk said that "the audit found nothing wrong."'), "audit")
    assert (q.kind, q.text) == ("direct", "the audit found nothing wrong.")


def test_quote_before_a_postposed_attribution_is_one_clause() -> None:
    q = one(quotes_of('The strike is "likely to spread" to the ports, said Olu Bankole, '
                      "a union organiser."), "spread")
    assert q.text.startswith("The strike is") and q.speaker.name == "Olu Bankole"


# -- finding the verb and its subject ------------------------------------------------------

def test_verbs_the_lexicon_does_not_know_after_a_quote() -> None:
    quotes = quotes_of('"Nobody asked us," Ruth Carver grumbled.\n\n'
                       '"Best day of my life!" beamed Joel Ames of Dayton.')
    assert one(quotes, "Nobody asked").speaker.name == "Ruth Carver"
    assert one(quotes, "Best day").speaker.name == "Joel Ames"


def test_common_noun_speakers_keep_their_words_as_the_role() -> None:
    quotes = quotes_of('"Vote early, vote often," the narrator says in the new advert.\n\n'
                       '"It was chaos," said his old roommate at Cornell.')
    q = one(quotes, "Vote early")
    assert (q.speaker.name, q.speaker.role) == (None, "narrator")
    assert one(quotes, "chaos").speaker.role == "old roommate at Cornell"


def test_appositive_that_runs_on_before_the_verb() -> None:
    quotes = quotes_of("Dana Whitby, a housing lawyer at the Tenants Union in Leeds, said rents "
                       'would rise again.\n\n"Nobody can pay this," she said.')
    q = one(quotes, "rents would rise")
    assert q.speaker.name == "Dana Whitby"
    assert q.speaker.role == "housing lawyer at the Tenants Union in Leeds"
    assert one(quotes, "Nobody can pay").speaker.name == "Dana Whitby"


def test_relative_pronoun_stands_for_the_name_before_it() -> None:
    q = one(quotes_of("The plan was drafted by Omar Siddiq, who said it would cost little."),
            "cost little")
    assert q.speaker.name == "Omar Siddiq"


def test_participle_takes_the_subject_of_a_sentence_without_a_reporting_verb() -> None:
    q = one(quotes_of('Lena Fiore toured the flooded school, telling parents, "Classes resume '
                      'on Monday in the church hall."'), "Classes resume")
    assert (q.speaker.name, q.cue) == ("Lena Fiore", "telling")


def test_reported_clause_without_that() -> None:
    q = one(quotes_of("Marta Gil said her tenants doesn’t know the new rules yet."), "tenants")
    assert (q.kind, q.speaker.name) == ("indirect", "Marta Gil")
    q = one(quotes_of("Ravi Menon says prices are falling in the coastal towns."), "prices")
    assert q.text == "prices are falling in the coastal towns"


def test_postposed_inverted_attribution_of_reported_speech() -> None:
    q = one(quotes_of("Harvests will shrink for a third year, said Ada Obi, an agronomist."),
            "Harvests")
    assert (q.kind, q.speaker.name, q.text) == (
        "indirect", "Ada Obi", "Harvests will shrink for a third year")


# -- names ---------------------------------------------------------------------------------

def test_middle_initials_and_an_abbreviated_office() -> None:
    quotes = quotes_of("Rep. Carla J. Mendes said the bill was dead.\n\nGov. P.J. Harlan said "
                       "he would veto it anyway.")
    q = one(quotes, "bill was dead")
    assert (q.speaker.name, q.speaker.role) == ("Carla J. Mendes", "Representative")
    assert one(quotes, "veto").speaker.name == "P.J. Harlan"


def test_office_then_name_does_not_swallow_the_name() -> None:
    quotes = quotes_of("Minister of Planning Laila Haddad said the budget was ready.\n\n"
                       "Speaker of the Assembly Ruben Ortega said the vote would wait.")
    q = one(quotes, "budget was ready")
    assert (q.speaker.name, q.speaker.role) == ("Laila Haddad", "Minister of Planning")
    assert one(quotes, "vote would wait").speaker.name == "Ruben Ortega"


def test_a_name_after_a_capitalised_word_that_is_not_a_name() -> None:
    q = one(quotes_of("Libertarian Gary Holm said turnout would be low."), "turnout")
    assert q.speaker.name == "Gary Holm"


def test_mrs_is_a_title() -> None:
    q = one(quotes_of('"We will appeal," Mrs. Anita Rao said.'), "appeal")
    assert (q.speaker.name, q.speaker.title) == ("Anita Rao", "Mrs.")


def test_a_possessive_name_is_not_the_speaker() -> None:
    quotes = quotes_of("Senator Paul Brandt’s campaign said the poll was flawed.\n\n"
                       "Brandt’s remarks, the paper said, were taken out of context.")
    q = one(quotes, "poll was flawed")
    assert (q.speaker.kind, q.speaker.name) == ("body", "Senator Paul Brandt’s campaign")


def test_surname_alone_needs_a_close_spelling() -> None:
    quotes = quotes_of("Pope Francis visited the camp with the writer Massimo Franco.\n\n"
                       '"Nobody should live like this," Francis said.')
    assert one(quotes, "live like this").speaker.name != "Massimo Franco"


# -- pronouns ------------------------------------------------------------------------------

def test_pronoun_after_an_introductory_phrase_goes_to_its_subject() -> None:
    quotes = quotes_of("At a rally in Reno, Nevada, on Friday, Senator Hugo Lindqvist attacked "
                       'the pipeline plan.\n\n"It poisons the river," he said.')
    assert one(quotes, "poisons").speaker.name == "Hugo Lindqvist"


def test_she_goes_to_the_woman_by_her_given_name() -> None:
    quotes = quotes_of("Karen Holt met the director, Walter Pike, on Monday.\n\nWalter Pike "
                       'left early.\n\n"The talks went well," she said.')
    assert one(quotes, "talks went well").speaker.name == "Karen Holt"


def test_a_capitalised_plural_is_no_antecedent() -> None:
    quotes = quotes_of("Mayor Tom Ruiz opened the bridge.\n\nRepublicans boycotted the event.\n\n"
                       '"It is a great day," he said.')
    assert one(quotes, "great day").speaker.name == "Tom Ruiz"


# -- bodies and roles ----------------------------------------------------------------------

def test_possessive_body_in_a_role_is_spelled_out() -> None:
    quotes = quotes_of("The National Water Board announced new limits.\n\nThe board's "
                       "spokeswoman, Mona Saleh, said the limits start in May.")
    s = one(quotes, "limits start").speaker
    assert s.role == "spokeswoman for the National Water Board"
    assert s.organization == "National Water Board"


def test_role_for_an_office() -> None:
    q = one(quotes_of("The spokesman for the President, Adel Karam, said the visit was "
                      "postponed."), "postponed")
    assert (q.speaker.name, q.speaker.role) == ("Adel Karam", "spokesman for the President")


def test_a_regional_body_is_not_the_federal_one() -> None:
    quotes = quotes_of("The Ministry of Agriculture said the harvest was good.\n\nThe Ministry "
                       "of Agriculture in the Kurdistan Region said its own harvest was poor.")
    assert one(quotes, "harvest was good").speaker.name == "Ministry of Agriculture"
    assert one(quotes, "own harvest").speaker.name == \
        "Ministry of Agriculture in the Kurdistan Region"


def test_statement_named_by_a_common_noun_goes_to_its_body() -> None:
    q = one(quotes_of("The Central Bank of Ruritania raised its rates.\n\nThe bank said in a "
                      "statement that inflation had peaked."), "inflation")
    assert (q.speaker.kind, q.speaker.name) == ("body", "Central Bank of Ruritania")


# -- layout --------------------------------------------------------------------------------

def test_one_line_per_paragraph() -> None:
    quotes = quotes_of('Mayor Tom Ruiz spoke first.\n"The bridge is safe," he said.\n'
                       '"Use it," a resident, Jo Park, replied.')
    assert one(quotes, "bridge is safe").speaker.name == "Tom Ruiz"
    assert one(quotes, "Use it").speaker.name == "Jo Park"


def test_hard_wrapped_lines_are_not_paragraphs() -> None:
    quotes = quotes_of('"The bridge is safe and the\ninspectors agree," Tom Ruiz said.')
    assert len(quotes) == 1 and quotes[0].speaker.name == "Tom Ruiz"


# -- article_mentions ----------------------------------------------------------------------

def test_article_mentions_lists_every_named_person_and_body_once() -> None:
    a = Article(id="m", title="Water: limits from May", body=(
        "The National Water Board announced new limits.\n\nThe board's spokeswoman, Major "
        "Mona Saleh, said the limits start in May. Saleh met the mayor, Tom Ruiz, who said "
        "nothing.\n\nRepublicans criticised the plan."))
    refs = article_mentions(a)
    names = [r.name for r in refs]
    assert names.count("Mona Saleh") == 1 and "Tom Ruiz" in names
    assert "National Water Board" in names and "Republicans" not in names
    mona = refs[names.index("Mona Saleh")]
    assert (mona.kind, mona.title, mona.role, mona.organization) == (
        "person", "Major", "spokeswoman for the National Water Board", "National Water Board")
    board = refs[names.index("National Water Board")]
    assert board.kind == "body" and board.organization == "National Water Board"
    quotes, mentions = analyse_article(a)
    assert quotes == attribute_quotes(a) and mentions == refs


# -- speaker labels ------------------------------------------------------------------------

def test_transcript_paragraphs_belong_to_their_label() -> None:
    quotes = quotes_of("Governor Nina Castell sat down with the host, Paul Ridley.\n\n"
                       "RIDLEY: Will you sign the water bill this week?\n\n"
                       "CASTELL: I will sign it on Friday, and not a day later.")
    q = one(quotes, "sign it on Friday")
    assert (q.kind, q.speaker.name, q.cue) == ("direct", "Nina Castell", ":")
    assert one(quotes, "water bill").speaker.name == "Paul Ridley"


def test_headline_kept_in_the_body_is_the_named_speaker_s_summary() -> None:
    title = "Castell: Water bill will be signed on Friday"
    quotes = quotes_of(f"{title}\n\nGovernor Nina Castell told reporters the bill was ready.",
                       title=title)
    q = one(quotes, "Water bill will be signed")
    assert (q.kind, q.speaker.name) == ("indirect", "Nina Castell")


# -- stances and reactions -----------------------------------------------------------------

def test_stance_verbs_report_a_clause() -> None:
    quotes = quotes_of("Most farmers believe the subsidy will end next year.\n\n"
                       "A new survey shows rents rising in every district.")
    assert one(quotes, "subsidy will end").speaker.role == "Most farmers"
    assert one(quotes, "rents rising").speaker.role == "new survey"


def test_a_learned_reaction_verb_reports_its_object() -> None:
    quotes = quotes_of("On Monday, Mayor Tom Ruiz endorsed the harbour plan at a press event.")
    q = one(quotes, "harbour plan")
    assert (q.kind, q.text, q.speaker.name) == ("indirect", "the harbour plan", "Tom Ruiz")


def test_asked_whether_reports_the_question() -> None:
    q = one(quotes_of("Councillor Ana Ortiz asked whether the budget covered the bridge."),
            "budget covered")
    assert q.text == "whether the budget covered the bridge"


def test_second_verb_of_the_subject_frames_the_clause() -> None:
    q = one(quotes_of('Senator Joan Pryce toured the mill and told workers that "no job will '
                      'be lost" this year.'), "no job")
    assert q.speaker.name == "Joan Pryce"


def test_one_of_a_group_is_the_speaker() -> None:
    q = one(quotes_of('"The vote is lost," said one of the organisers, who asked not to be '
                      "named."), "vote is lost")
    assert (q.speaker.name, q.speaker.role) == (None, "organisers")


def test_title_in_quotation_marks_is_no_quote() -> None:
    assert quotes_of('The new series "Harbour Lights Of The North" opens on Friday.') == []
    assert quotes_of('Above the stage hung a large sign, "NO MORE TOLLS ON OUR BRIDGE".') == []


def test_page_furniture_labels_are_no_speakers() -> None:
    quotes = quotes_of("The harbor vote is set for May.\n\nBYLINE: Ana Ruiz.\n\n"
                       "EMAIL: desk@example.org.\n\nLOOK: Ten Photos Of The New Ferry Terminal.")
    assert quotes == []
