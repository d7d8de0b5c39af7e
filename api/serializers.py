"""What the Content API shows of each thing: public fields only, with the addresses of its pages."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.listings import Listing
from articles.models import Article, Section


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The full address of the object's public page on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


def listing_serializer(listing: Listing) -> type[serializers.ModelSerializer]:
    """A section, author, actor or country as the API shows it: the public fields its listing names, and its page."""

    class Meta:
        model = listing.model
        fields = [*listing.api_fields, "url"]

    attributes = {
        "Meta": Meta,
        "url": PageUrlField(help_text=f"The {listing.model._meta.verbose_name}'s page on the site."),
    }
    # The class name gives the schema's component name: "Section", "Author", ...
    return type(f"{listing.model.__name__}Serializer", (serializers.ModelSerializer,), attributes)


class SectionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["slug", "name"]


class BylineAuthorSerializer(serializers.Serializer):
    """One author of a story, in byline order."""

    slug = serializers.SlugField(source="author.slug", read_only=True)
    name = serializers.CharField(source="author.name", read_only=True)
    url = serializers.SerializerMethodField(help_text="The author's page on the site.")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, byline) -> str:
        return self.context["request"].build_absolute_uri(byline.author.get_absolute_url())


class TagSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class ArticleSerializer(serializers.ModelSerializer):
    """A published story as listed: everything but the body."""

    url = PageUrlField(help_text="The story's page on the site.")
    section = SectionSummarySerializer(read_only=True)
    authors = BylineAuthorSerializer(source="bylines", many=True, read_only=True)
    actors = TagSummarySerializer(many=True, read_only=True, help_text="People and organisations in the story.")
    countries = TagSummarySerializer(many=True, read_only=True, help_text="Countries the story is about.")

    class Meta:
        model = Article
        fields = [
            "slug",
            "headline",
            "dek",
            "section",
            "authors",
            "actors",
            "countries",
            "published_at",
            "updated_at",
            "url",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    """A published story in full, with its body as sanitized HTML."""

    body = serializers.CharField(read_only=True, help_text="The story text as HTML (paragraphs, headings, links).")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body"]
