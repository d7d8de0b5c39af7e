"""Actors and countries as kinds of listing (see articles/listings.py); registered in TaggingConfig.ready()."""

from django import forms

from articles.listings import Listing
from articles.widgets import CachedSelectMultiple

from .models import Actor, Country

SCHEMA_ORG_TYPES = {Actor.Kind.PERSON: "Person", Actor.Kind.ORGANISATION: "Organization"}


def actor_about(actor: Actor) -> dict:
    return {"@type": SCHEMA_ORG_TYPES.get(actor.kind, "Thing"), "name": actor.name}


def country_about(country: Country) -> dict:
    return {"@type": "Country", "name": country.name, "identifier": country.code}


ACTORS = Listing(
    model=Actor,
    articles_lookup="actor_items__tag",
    url_name="tagging:actor",
    api_fields=("slug", "name", "kind"),
    # Chosen from the actor pages' "filter all stories" links, not from a menu of thousands.
    filter_widget=forms.MultipleHiddenInput,
    filter_many=True,
    about=actor_about,
)
COUNTRIES = Listing(
    model=Country,
    articles_lookup="country_items__tag",
    url_name="tagging:country",
    api_fields=("slug", "name", "code"),
    filter_widget=CachedSelectMultiple,
    filter_many=True,
    about=country_about,
)
