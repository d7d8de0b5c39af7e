from django.apps import AppConfig


class LiveblogsConfig(AppConfig):
    name = "liveblogs"
    verbose_name = "Live blogs"

    def ready(self):
        import reversion

        from articles.extensions import story_extension_register
        from editorial.panels import story_panel_register

        from . import signals  # noqa: F401 (connects the page cache's purges)
        from .admin import LiveBlogPanel
        from .extension import LiveCoverage
        from .models import LiveEntry

        reversion.register(LiveEntry)
        story_extension_register(LiveCoverage())  # the badge, the entries, the JSON-LD of live stories
        story_panel_register(LiveBlogPanel())  # "Start live blog" / "End live blog" in the story editor
