"""Records Flask's answers to the parity cases into flask_expectations.json.

Regenerate (from the repository root, with Flask 3.1 installed):

    python3 Tests/Parity/record.py

then commit Tests/Parity/flask_expectations.json; `swift test --filter Parity` replays every
case against the MicroFlask twin (Tests/MicroFlaskTests/Parity/FlaskParityTests.swift) and
needs no Python.

Each case is one or more steps sent with one test client (cookies carry between steps). A step
records the request exactly as sent (method, target, header list, body text) and Flask's
answer: status, selected headers (null = absent; Allow is sorted), the Set-Cookie lines in
a normalised shape (`Expires=<date>` unless it is the 1970 deletion date, the session
cookie's signed value as `<signed>` since Flask's itsdangerous format and MicroFlask's
HMAC-SHA256 signer differ by design), and the body: exact text, parsed JSON, or substrings.
Where MicroFlask deliberately differs, the step also carries a `microflask` object (the
fields that differ) and a `difference` note; docs/FLASK_DIFFERENCES.md lists them.
"""

import json
import os
import sys
from importlib.metadata import version

sys.dont_write_bytecode = True  # no __pycache__ next to the recorded file
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flask_app import create_app  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "flask_expectations.json")
SESSION_COOKIE = "session"
EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT"
BOUNDARY = "parityboundary42"
CONFIG_ENV = {
    "MYAPP_DEBUG": "true",
    "MYAPP_SECRET_KEY": "from-env",
    "MYAPP_DATABASE": "app.sqlite",
    "MYAPP_WORKERS": "4",
    "OTHER": "ignored",
}


def step(method, path, *, headers=(), body="", follow=False, tamper=False, expect="exact",
         contains=(), show=("Content-Type",), microflask=None, difference=None):
    return dict(method=method, path=path, headers=[list(h) for h in headers], body=body,
                follow=follow, tamper=tamper, expect=expect, contains=list(contains),
                show=list(show), microflask=microflask, difference=difference)


def case(name, *steps, app="main"):
    return dict(name=name, app=app, steps=list(steps))


GET = lambda path, **kw: step("GET", path, **kw)  # noqa: E731
FORM = ("Content-Type", "application/x-www-form-urlencoded")
JSON = ("Content-Type", "application/json")
MULTIPART_BODY = (
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="title"\r\n\r\n'
    "Quarterly report\r\n"
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="doc"; filename="report.csv"\r\n'
    "Content-Type: text/csv\r\n\r\n"
    "a,b\n1,2\n\r\n"
    f"--{BOUNDARY}--\r\n"
)
SESSION_SHOW = ("Content-Type", "Location", "Vary")
JSON_ERRORS = (
    "MicroFlask answers errors with a JSON object when the client's Accept header prefers "
    "application/json; Flask always sends its HTML page."
)

CASES = [
    # --- routing ---------------------------------------------------------------
    case("static route: str becomes text/html", GET("/", show=("Content-Type", "Content-Length"))),
    case("string converter with HTML escaping", GET("/user/%3Cb%3Eada&co")),
    case("int converter", GET("/post/42")),
    case("int converter rejects letters: 404", GET("/post/abc")),
    case("int converter rejects negative numbers: 404", GET("/post/-1")),
    case("float converter", GET("/price/3.5")),
    case("float converter rejects integers: 404", GET("/price/3")),
    case("path converter takes slashes", GET("/path/docs/2024/report.txt")),
    case("uuid converter, mixed case in, lower case out",
         GET("/uuid/1B4E28BA-2FA1-11D2-883F-0016D3CCA427")),
    case("uuid converter rejects non-uuids: 404", GET("/uuid/not-a-uuid")),
    case("any converter", GET("/lang/fr")),
    case("any converter rejects other values: 404", GET("/lang/de")),
    case("unknown URL: 404 page byte-exact", GET("/nowhere", show=("Content-Type", "X-After"))),
    case("wrong method: 405 with Allow", step("POST", "/", show=("Content-Type", "Allow"))),
    case("405 lists every method of the rule", step("PUT", "/both", show=("Content-Type", "Allow"))),
    case("second method of a rule", step("POST", "/both")),
    case("HEAD on a GET route: headers, no body",
         step("HEAD", "/", expect="empty", show=("Content-Type", "Content-Length"))),
    case("automatic OPTIONS", step("OPTIONS", "/both", expect="empty", show=("Allow",))),
    case("strict slashes: 308 to the slashed URL, query kept",
         GET("/projects?page=2&sort=name", expect="contains", contains=["/projects/?page=2&amp;sort=name"],
             show=("Location",),
             microflask={"headers": {"Location": "/projects/?page=2&sort=name"}},
             difference="MicroFlask's strict-slash redirect sends a relative Location; Werkzeug builds an "
                        "absolute URL from the Host header. Browsers treat both the same.")),
    case("slashed rule matched exactly", GET("/projects/")),
    case("unslashed rule with a trailing slash: 404", GET("/about/")),
    case("percent-decoding of path parameters", GET("/user/J%C3%B6rg%20M%C3%BCller")),
    case("encoded slash is decoded before routing: 404", GET("/user/a%2Fb")),

    # --- request data --------------------------------------------------------------
    case("query args: repeated keys, + as space, percent escapes",
         GET("/args?tag=a&tag=b%26c&q=hello+big%20world%2B")),
    case("query args: blank and missing values", GET("/args?tag=&q")),
    case("urlencoded form with repeated fields",
         step("POST", "/form", headers=[FORM], body="name=Ada+Lovelace&lang=swift&lang=py%2Bthon")),
    case("multipart upload: field, filename, content type, size",
         step("POST", "/upload", headers=[("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")],
              body=MULTIPART_BODY)),
    case("JSON body", step("POST", "/json", headers=[JSON], body='{"name": "Ada"}', expect="json")),
    case("JSON with a charset parameter", step("POST", "/json", headers=[("Content-Type", "application/json; charset=utf-8")],
                                                body='{"name": "Grace"}', expect="json")),
    case("bad JSON: 400",
         step("POST", "/json", headers=[JSON], body='{"name": ',
              microflask={"expect": "contains", "contains": [
                  "<title>400 Bad Request</title>", "<h1>Bad Request</h1>", "<p>The body is not valid JSON"]},
              difference="MicroFlask's 400 for a body that does not decode says why (the decoder's reason); "
                         "Flask outside debug mode shows only the generic 400 text.")),
    case("JSON view with the wrong content type: 415 page byte-exact",
         step("POST", "/json", headers=[("Content-Type", "text/plain")], body='{"name": "Ada"}')),
    case("cookies sent by the client",
         GET("/cookies", headers=[("Cookie", "theme=dark; lang=en")])),
    case("missing cookies are None", GET("/cookies")),
    case("header names are case-insensitive",
         GET("/headers", headers=[("x-custom", "value 1"), ("USER-AGENT", "parity/1.0")])),

    # --- responses -----------------------------------------------------------------
    case("dict becomes JSON", GET("/dict", expect="json")),
    case("list becomes JSON", GET("/list", expect="json")),
    case("jsonify of a dataclass / Encodable struct", GET("/book", expect="json")),
    case("(body, status)", GET("/created")),
    case("(body, status, headers)", GET("/teapot", show=("Content-Type", "X-Tea"))),
    case("redirect: 302, Location and body byte-exact", GET("/go", show=("Content-Type", "Location"))),
    case("redirect followed by the client", GET("/go", follow=True)),
    case("abort(404) page byte-exact", GET("/abort404")),
    case("abort(403, message) escapes the message", GET("/abort403")),
    case("set_cookie and delete_cookie formats, several Set-Cookie lines", GET("/set-cookies")),
    case("error pages stay HTML for JSON clients",
         GET("/nowhere", headers=[("Accept", "application/json")],
             microflask={"headers": {"Content-Type": "application/json"}, "expect": "json",
                         "body_json": {"code": 404, "name": "Not Found",
                                       "description": "The requested URL was not found on the server. If you "
                                                      "entered the URL manually please check your spelling and "
                                                      "try again."}},
             difference=JSON_ERRORS)),

    # --- hooks -----------------------------------------------------------------
    case("before_request returning a response skips the view",
         GET("/?block=1", show=("Content-Type", "X-After"))),
    case("after_request adds a header to every response", GET("/", show=("X-After",))),
    case("after_request also runs for error pages", GET("/abort404", show=("X-After",))),
    case("teardown_request sees the unhandled error",
         GET("/boom", expect="contains", contains=["<title>500 Internal Server Error</title>"]),
         GET("/teardown-log")),
    case("teardown_request sees the error raised by a failing error handler",
         GET("/broken", expect="contains", contains=["<title>500 Internal Server Error</title>"]),
         GET("/teardown-log")),
    case("teardown_request gets no error for handled ones",
         GET("/nowhere", expect="contains", contains=["404 Not Found"]),
         GET("/stock", expect="contains", contains=["Out of stock"]),
         GET("/", expect="contains", contains=["Hello"]),
         GET("/teardown-log")),

    # --- error handlers ---------------------------------------------------------
    case("unhandled exception: 500 page byte-exact", GET("/boom", show=("Content-Type", "X-After"))),
    case("handler for a custom exception type", GET("/stock")),
    case("error inside an error handler: 500", GET("/broken")),
    case("blueprint 404 handler catches aborts in its views", GET("/shop/item/2")),
    case("blueprint 404 handler does not catch routing 404s under its prefix",
         GET("/shop/nothing", expect="contains", contains=["<title>404 Not Found</title>"])),
    case("blueprint view served", GET("/shop/item/1")),
    case("500 in debug mode",
         GET("/boom", expect="contains", contains=["<title>500 Internal Server Error</title>"],
             microflask={"contains": ["<title>500 Internal Server Error</title>", "Kaboom", "no more coffee"]},
             difference="With config.debug, MicroFlask's 500 page names the error; Flask's test client "
                        "(with PROPAGATE_EXCEPTIONS off) shows the plain page, and `flask run --debug` "
                        "shows the Werkzeug debugger, which MicroFlask does not have."),
         app="debug"),

    # --- blueprints ------------------------------------------------------------------
    case("blueprint url_prefix and before_request (allowed)",
         GET("/admin/", headers=[("X-Admin", "yes")])),
    case("blueprint before_request short-circuits its own routes", GET("/admin/")),
    case("nested blueprints: prefix, parent hooks, dotted endpoint", GET("/api/v1/items", expect="json")),
    case("url_for: endpoints, blueprints, leftover values in the query", GET("/urls")),

    # --- sessions and flash ----------------------------------------------------------
    case("session: login stores the name, the next request sees it",
         step("POST", "/login", headers=[FORM], body="name=ada", show=SESSION_SHOW),
         GET("/whoami", show=("Content-Type", "Vary"))),
    case("session: tampered cookie is ignored",
         step("POST", "/login", headers=[FORM], body="name=mallory", expect="contains", contains=["Redirecting"],
              show=()),
         GET("/whoami", tamper=True)),
    case("session: logout deletes the cookie",
         step("POST", "/login", headers=[FORM], body="name=ada", expect="contains", contains=["Redirecting"],
              show=()),
         GET("/logout", show=("Location",)),
         GET("/whoami")),
    case("session: no cookie, not logged in", GET("/whoami")),
    case("flash messages survive one redirect, then are gone",
         step("POST", "/flash", follow=True),
         GET("/flashes")),

    # --- views: results, endpoints, url_for (flask_views_app.py) -------------------------
    case("a view returns a page on one path and a redirect on another",
         GET("/mixed"), step("POST", "/mixed", show=("Content-Type", "Location")), app="views"),
    case("(body, headers)", GET("/body-headers", show=("Content-Type", "X-A")), app="views"),
    case("bytes are text/html", GET("/bytes", show=("Content-Type", "Content-Length")), app="views"),
    case("abort(299), not an error status: 500", GET("/abort299"), app="views"),
    case("abort(418) page byte-exact", GET("/abort418"), app="views"),
    case("abort(413) page names Werkzeug's status", GET("/abort413"), app="views"),
    case("tuple Headers keep both Set-Cookie lines", GET("/two-cookies"), app="views"),
    case("a repeated request header reads joined",
         GET("/echo-header", headers=[("X-Tag", "a"), ("X-Tag", "b")]), app="views"),
    case("add_url_rule without a view: the blog keeps /", GET("/"), app="views"),
    case("url_for: view-named endpoints, relative names, anchor, external, lists, order",
         GET("/links"), app="views"),
    case("url_for in a template: relative to the request's blueprint", GET("/auth/login"), app="views"),

    # --- config ------------------------------------------------------------------------
    case("config from prefixed environment variables", GET("/config"), app="config"),
]


def normalise_cookie(line):
    parts = line.split("; ")
    name, _, value = parts[0].partition("=")
    if name == SESSION_COOKIE and value:
        parts[0] = f"{name}=<signed>"
    return "; ".join(
        "Expires=<date>" if p.startswith("Expires=") and p != f"Expires={EPOCH}" else p for p in parts
    )


def tampered(value):
    return ("A" if value[0] != "A" else "B") + value[1:]


def run_case(spec):
    app = create_app(spec["app"], CONFIG_ENV if spec["app"] == "config" else None)
    client = app.test_client()
    last_session = None
    out_steps = []
    for s in spec["steps"]:
        headers = [tuple(h) for h in s["headers"]]
        if s["tamper"]:
            assert last_session, f"{spec['name']}: nothing to tamper with"
            headers.append(("Cookie", f"{SESSION_COOKIE}={tampered(last_session)}"))
        explicit_cookie = any(k.lower() == "cookie" for k, _ in headers)
        sender = app.test_client(use_cookies=False) if explicit_cookie else client
        response = sender.open(s["path"], method=s["method"], headers=headers,
                               data=s["body"].encode() if s["body"] else None,
                               follow_redirects=s["follow"])
        for line in response.headers.getlist("Set-Cookie"):
            name, _, value = line.split(";")[0].partition("=")
            if name == SESSION_COOKIE and value:
                last_session = value
        text = response.get_data(as_text=True)
        flask = {"status": response.status_code, "headers": {}, "set_cookie": [
            normalise_cookie(line) for line in response.headers.getlist("Set-Cookie")]}
        for name in s["show"]:
            value = response.headers.get(name)
            if name == "Allow" and value is not None:
                value = ", ".join(sorted(m.strip() for m in value.split(",")))
            flask["headers"][name] = value
        flask["expect"] = s["expect"]
        if s["expect"] == "exact":
            flask["body"] = text
        elif s["expect"] == "json":
            flask["body_json"] = json.loads(text)
        elif s["expect"] == "contains":
            for piece in s["contains"]:
                assert piece in text, f"{spec['name']}: Flask's body lacks {piece!r}:\n{text}"
            flask["contains"] = s["contains"]
        elif s["expect"] == "empty":
            assert text == "", f"{spec['name']}: Flask's body is not empty"
        entry = {k: s[k] for k in ("method", "path", "headers", "body", "follow", "tamper")}
        entry["flask"] = flask
        if s["microflask"] is not None:
            entry["microflask"] = s["microflask"]
            entry["difference"] = s["difference"]
        out_steps.append(entry)
    return {"name": spec["name"], "app": spec["app"], "steps": out_steps}


def main():
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    document = {
        "generated_by": "Tests/Parity/record.py (python3 Tests/Parity/record.py)",
        "flask": version("flask"),
        "werkzeug": version("werkzeug"),
        "config_environment": CONFIG_ENV,
        "cases": [run_case(c) for c in CASES],
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(CASES)} cases to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
