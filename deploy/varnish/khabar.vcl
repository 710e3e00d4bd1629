# Varnish 7 in front of Khabar, with tag purges by xkey (Debian: varnish, varnish-modules).
#
#   khabar serve --bind 127.0.0.1:8000
#   varnishd -a 127.0.0.1:6081 -f /path/to/deploy/varnish/khabar.vcl
#   EDGE_PURGE_URLS=http://127.0.0.1:6081   (for every Khabar process: web, worker, commands)
#
# Khabar marks each anonymous page it may share with `xkey: page:12 section:3 listing …` and
# `Cache-Control: public, max-age=0, s-maxage=…`; on every change it sends
# `PURGE /` with `xkey-purge: <tags>` here. Anything without an xkey header is never kept.
vcl 4.1;

import std;
import xkey;

backend khabar {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/robots.txt";
        .interval = 1s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
    }
}

# Who may purge: Khabar's own processes.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        # Soft: a purged page stays in grace, to be served only while Khabar does not answer.
        set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin and the comment endpoints (form fragment, posts, challenges) need their cookies.
    if (req.url ~ "^/(admin|django-admin|comments|documents)/") {
        return (pass);
    }
    # Logged-in users bypass the edge (Khabar sets this cookie at login, removes it at logout).
    if (req.http.Cookie ~ "(^|;\s*)khabar_user=") {
        return (pass);
    }
    # Every anonymous reader gets the same page: no cookie, and the public site is Arabic only.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    # While Khabar answers, a purged or expired page is fetched again before it is served; while it
    # does not, the last good page is served for as long as its grace lasts.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_backend_response {
    if (bereq.url ~ "^/static/") {
        # WhiteNoise's compressed, cache-busted files with their own max-age.
        unset beresp.http.Set-Cookie;
        return (deliver);
    }
    if (!beresp.http.xkey || beresp.http.Set-Cookie) {
        # Khabar did not mark it as one page for everyone (a 404, a personal answer, or a render that
        # crossed a change and so was not kept): not kept, and the next request asks Khabar again soon,
        # so a page that was only briefly unkeepable is cached again within seconds, not passed for a minute.
        set beresp.uncacheable = true;
        set beresp.ttl = 2s;
        return (deliver);
    }
    set beresp.grace = 24h;
    set beresp.http.Vary = "Accept-Encoding";
    return (deliver);
}

# Khabar does not answer and there is no earlier copy of the page: an Arabic page, never Varnish's own.
sub vcl_backend_error {
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "10";
    synthetic({"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>الموقع غير متاح مؤقتًا</title></head>
<body><h1>الموقع غير متاح مؤقتًا</h1><p>نرجو المحاولة مجددًا بعد قليل.</p></body></html>
"});
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # The tags are for the edge; browsers revalidate (Khabar sends max-age=0).
    unset resp.http.xkey;
}
