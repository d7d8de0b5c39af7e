"""The country tagger keeps its measured precision and recall on the evaluation stories."""

import json

from tools.tagging_eval import DEFAULT_SET, tagging_evaluate


def test_precision_and_recall_on_the_evaluation_stories():
    stories = json.loads(DEFAULT_SET.read_text(encoding="utf-8"))
    result = tagging_evaluate(stories=stories)
    assert len(stories) == 45
    assert result.precision >= 0.95, result.mistakes
    assert result.recall >= 0.95, result.mistakes


def test_countries_inside_title_case_headline_phrases_are_not_tagged():
    stories = json.loads(DEFAULT_SET.read_text(encoding="utf-8"))
    result = tagging_evaluate(stories=[story for story in stories if story["split"] == "held-out 3 (headlines)"])
    assert result.false_positives == 0, result.mistakes
    assert result.recall == 1.0, result.mistakes


def test_a_wrong_tag_lowers_precision_and_a_missed_one_recall():
    stories = [
        {"title": "one", "text": "Talks in Egypt.", "countries": ["EG", "LY"]},
        {"title": "two", "text": "Michael Jordan and France.", "countries": []},
    ]
    result = tagging_evaluate(stories=stories)
    assert (result.true_positives, result.false_positives, result.false_negatives) == (1, 1, 1)
    assert result.precision == 0.5 and result.recall == 0.5
    assert result.mistakes == ("one: wrongly tagged -; missed LY", "two: wrongly tagged FR; missed -")
