from django.contrib import admin

from .models import Redirect
from .services import redirect_record


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "source", "created_at"]
    list_filter = ["source"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["source", "created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # Through the service, so that redirects already leading to the old address follow it on.
        saved = redirect_record(old_path=obj.old_path, new_path=obj.new_path, source=Redirect.Source.EDITOR)
        obj.pk = saved.pk
