from django.db import models


class ImportedPost(models.Model):
    """Which article a WordPress post became, so that importing the same export again updates it."""

    site = models.CharField("WordPress site", max_length=300, help_text="The exported blog's address.")
    post_id = models.PositiveBigIntegerField("WordPress post ID")
    article = models.OneToOneField(
        "articles.Article", verbose_name="article", on_delete=models.CASCADE, related_name="wordpress_post"
    )
    imported_at = models.DateTimeField("last imported", auto_now=True)

    class Meta:
        verbose_name = "imported WordPress post"
        constraints = [models.UniqueConstraint(fields=["site", "post_id"], name="imported_post_unique_per_site")]

    def __str__(self) -> str:
        return f"{self.site} post {self.post_id}"
