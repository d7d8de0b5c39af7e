from django.apps import AppConfig


class WiresConfig(AppConfig):
    """Partner wires: published stories as IPTC ninjs 2.x, behind API keys editors issue and revoke."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wires"
    verbose_name = "Partner wires"
