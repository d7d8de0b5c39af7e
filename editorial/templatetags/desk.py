from django import template

from ..desk import desk_build

register = template.Library()


@register.inclusion_tag("admin/_editors_desk.html", takes_context=True)
def editors_desk(context):
    """The editors' desk for the signed-in user, if they may work on articles."""
    user = context["request"].user
    if not user.has_perm("articles.change_article"):
        return {"desk": None}
    return {"desk": desk_build(user=user)}
