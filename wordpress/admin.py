"""Admin: the imported posts, and an upload page that imports a WordPress export like `import_wordpress` does."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from .models import ImportedPost
from .services import wordpress_import
from .wxr import WXRFormatError

EXPORT_MAX_BYTES = 200 * 1024 * 1024
IMPORT_PERMISSIONS = ["articles.add_article", "articles.publish_article", "articles.add_section", "authors.add_author"]


class WordPressImportForm(forms.Form):
    export = forms.FileField(
        label="WordPress export",
        help_text="The .xml file from Tools → Export in WordPress (WXR 1.0, 1.1 or 1.2). Importing the same "
        "export again updates the stories it made.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )
    dry_run = forms.BooleanField(
        label="trial run", required=False, help_text="Show what the import would do, and save nothing."
    )

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if upload.size > EXPORT_MAX_BYTES:
            raise forms.ValidationError("The file is larger than 200 MB: split the export by date in WordPress.")
        return upload


@admin.register(ImportedPost)
class ImportedPostAdmin(admin.ModelAdmin):
    list_display = ["post_id", "article", "site", "imported_at"]
    list_filter = ["site"]
    search_fields = ["article__headline", "post_id"]
    list_select_related = ["article"]
    change_list_template = "admin/wordpress/importedpost/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="wordpress_importedpost_import"), *super().get_urls()]

    def import_view(self, request):
        """Upload an export; the page then lists what happened to every item in it."""
        if not request.user.has_perms(IMPORT_PERMISSIONS):
            raise PermissionDenied
        form = WordPressImportForm(request.POST, request.FILES) if request.method == "POST" else WordPressImportForm()
        summary = error = None
        if request.method == "POST" and form.is_valid():
            try:
                summary = wordpress_import(
                    data=form.cleaned_data["export"].read(), dry_run=form.cleaned_data["dry_run"], user=request.user
                )
            except WXRFormatError as refusal:
                error = f"“{form.cleaned_data['export'].name}” was not imported, and nothing was saved. {refusal}"
        context = {
            **self.admin_site.each_context(request),
            "title": "Import from WordPress",
            "opts": self.opts,
            "form": form,
            "summary": summary,
            "error": error,
        }
        return TemplateResponse(request, "admin/wordpress/importedpost/import.html", context)
