# Varnish in front of Newsroom (Debian's varnish 7 and varnish-modules for vmod xkey).
#
# What it keeps: anonymous GET and HEAD requests for reader pages, for as long as the app's
# Surrogate-Control says (the app sends it only on pages it would cache itself), tagged with the
# page's keys from the `xkey` header. A change in the app sends `PURGE` with the header
# `xkey-purge: <keys>` (serving/edge.py); that purges exactly the pages carrying any of those keys.
# An in-place edit of a public story sends `xkey-softpurge` instead: those pages are served from
# grace (at most 10 s, in practice one fetch) while Varnish fetches them anew.
#
# What it never keeps: the admin, the API (rate-limited per client, so each request must reach the
# app), health checks, anything with a session or messages cookie or credentials, and any response
# that is private, no-store or no-cache, sets a cookie, has no Surrogate-Control or Cache-Control
# lifetime (a 404 for a draft's address, a preview), or varies on everything.
#
# `make edge` starts it in front of gunicorn; the backend below is rewritten to the app's address.
vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: the app's servers. Add their addresses when the app runs on other machines.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from this address"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged + " objects"));
        }
        if (req.http.xkey-softpurge) {
            # An in-place edit of a public story (a dek, a headline): its pages stay in grace, so
            # readers get the old page while one fetch makes the new one, instead of all waiting on it.
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.x-purged + " objects"));
        }
        return (synth(400, "PURGE needs an xkey-purge or xkey-softpurge header"));
    }
    unset req.http.x-passed;
    if (req.method != "GET" && req.method != "HEAD") {
        set req.http.x-passed = "method";
    } else if (req.url ~ "^/(admin|api|healthz|readyz)(/|\?|$)") {
        set req.http.x-passed = "address";
    } else if (req.http.Authorization) {
        set req.http.x-passed = "credentials";
    } else if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        # Signed-in staff (and anyone with a message waiting) get their own pages, cookies and all.
        set req.http.x-passed = "session";
    }
    if (req.http.x-passed) {
        return (pass);
    }
    # An anonymous reader: the pages do not depend on cookies, so none goes to the app or the key.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_fetch {
    unset bereq.http.x-passed;
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Surrogate-Control ~ "(?i)no-store"
        || beresp.http.Vary == "*") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "(?i)max-age=[0-9]+") {
        # The app's lifetime for shared caches; every change purges the page sooner.
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "(?i)^.*max-age=([0-9]+).*$", "\1s"), 0s);
        # Grace: only a soft purge (above) or the end of this lifetime puts a page in it. A hard purge
        # (a publication, an unpublication, a move) removes the page outright, so an unpublished
        # story is never served from grace.
        set beresp.grace = 10s;
    } else if (!beresp.http.Cache-Control ~ "(?i)(s-maxage|max-age)=[1-9]") {
        # No lifetime from the app (an error page, a 404 for a draft's address): never kept, so a
        # publication is not hidden behind a cached "not found".
        set beresp.ttl = 0s;
    }
    if (beresp.ttl <= 0s) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
    }
    return (deliver);
}

sub vcl_deliver {
    # The keys and the shared lifetime are for this cache; browsers get Cache-Control alone.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
    # pass: never looked up (see vcl_recv); uncacheable: looked up, but the app's answer may not be kept.
    if (req.http.x-passed) {
        set resp.http.X-Cache = "pass";
    } else if (obj.uncacheable) {
        set resp.http.X-Cache = "uncacheable";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
