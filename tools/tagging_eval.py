"""Measure the country tagger's precision and recall on short stories written for it.

Usage: `make tagging-eval`, or `python -m tools.tagging_eval [PATH-TO-JSON]` from the project
folder. The stories (with the country codes a careful editor would tag) are in
`tools/country_tagging_eval.json`; they mix the easy cases with the ambiguous ones
(Michael Jordan, Atlanta, Georgia, turkey dinners, New Mexico, Latin American, and Title Case
headlines such as "Chile Peppers Heat Up Farmers' Markets").
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from tagging.services.countries import countries_detect

DEFAULT_SET = Path(__file__).with_name("country_tagging_eval.json")


@dataclass(frozen=True)
class Evaluation:
    true_positives: int
    false_positives: int
    false_negatives: int
    mistakes: tuple[str, ...]

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def tagging_evaluate(*, stories: list[dict]) -> Evaluation:
    """Compare detected country codes with each story's expected ones."""
    tp = fp = fn = 0
    mistakes = []
    for story in stories:
        found = {country.code for country in countries_detect(text=story["text"])}
        expected = set(story["countries"])
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        if found != expected:
            extra = ", ".join(sorted(found - expected)) or "-"
            missed = ", ".join(sorted(expected - found)) or "-"
            mistakes.append(f"{story['title']}: wrongly tagged {extra}; missed {missed}")
    return Evaluation(tp, fp, fn, tuple(mistakes))


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SET
    stories = json.loads(path.read_text(encoding="utf-8"))
    splits = sorted({story.get("split", "all") for story in stories})
    for split in [*splits, "all"] if len(splits) > 1 else splits:
        chosen = [story for story in stories if split in ("all", story.get("split", "all"))]
        result = tagging_evaluate(stories=chosen)
        expected = result.true_positives + result.false_negatives
        print(f"{split}: {len(chosen)} stories, {expected} expected country tags")
        print(f"  precision {result.precision:.1%}  recall {result.recall:.1%}")
        if split != "all":
            for mistake in result.mistakes:
                print(f"  {mistake}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
