"""`{% kept "name" key "list:archive" %}…{% endkept %}`: a piece of a page rendered once per content
version and key.

For a piece that costs more than it is worth to render on every miss and depends only on content,
on `key` and on the lists named (serving/dependencies.py): the archive's filter form with nothing
chosen is the same on every page of the archive (its menus list hundreds of names). The rows it
shows are recorded with it and purge it, as its lists do (serving/content_version.py). An empty
key renders the piece every time.
"""

from django import template
from django.utils.safestring import mark_safe

from serving.content_version import versioned_get_or_compute

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, name, key, lists, nodelist):
        self.name = name
        self.key = key
        self.lists = lists
        self.nodelist = nodelist

    def render(self, context) -> str:
        key = self.key.resolve(context, ignore_failures=True)
        if not key:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        lists = tuple(str(expression.resolve(context)) for expression in self.lists)
        html = versioned_get_or_compute(f"html:{name}:{key}", lambda: str(self.nodelist.render(context)), lists=lists)
        return mark_safe(html)  # noqa: S308 (a rendered, autoescaped piece of template)


@register.tag
def kept(parser, token) -> KeptNode:
    bits = token.split_contents()
    if len(bits) < 4:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name, a key and the lists the piece shows")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    name, key, *lists = (parser.compile_filter(bit) for bit in bits[1:])
    return KeptNode(name, key, lists, nodelist)
