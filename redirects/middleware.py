"""Old addresses answer 301: looked up only when no page answered (a 404), so normal pages cost nothing more.

The one exception is WordPress's "/?p=123": the front page answers it, so the redirect is looked up
first there, and only when one of WordPress's own query parameters is in the address.
"""

from django.http import HttpResponsePermanentRedirect

from .selectors import redirect_find

WORDPRESS_QUERY_KEYS = ("p", "page_id", "cat", "author", "tag")


def _wordpress_query(request) -> bool:
    return request.path == "/" and any(key in request.GET for key in WORDPRESS_QUERY_KEYS)


class RedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.method in ("GET", "HEAD")
        query = request.META.get("QUERY_STRING", "")
        if reading and _wordpress_query(request) and (redirect := redirect_find(path="/", query=query)):
            return HttpResponsePermanentRedirect(redirect.new_path)
        response = self.get_response(request)
        if reading and response.status_code == 404 and (redirect := redirect_find(path=request.path, query=query)):
            return HttpResponsePermanentRedirect(redirect.new_path)
        return response
