from tagging.tags import string_from_tags, tags_from_string


def test_tag_input_splits_on_commas_only():
    assert tags_from_string("Khalifa Haftar") == ["Khalifa Haftar"]
    assert tags_from_string("United Nations, Khalifa  Haftar ,") == ["Khalifa Haftar", "United Nations"]


def test_tag_input_drops_duplicates_whatever_the_case():
    assert tags_from_string("GNA, gna, Libya") == ["GNA", "Libya"]


def test_tags_are_written_back_with_commas():
    class Tag:
        def __init__(self, name):
            self.name = name

    assert string_from_tags([Tag("United Nations"), Tag("Khalifa Haftar")]) == "Khalifa Haftar, United Nations"
