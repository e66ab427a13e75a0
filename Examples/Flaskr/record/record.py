"""Records the real Flaskr's answers to one scripted session into flaskr_session.json.

Flaskr is Flask's tutorial app (pallets/flask, examples/tutorial). It is not part of this
repository: point this script at a clone or a bare snapshot of pallets/flask, and it extracts
the app into a temporary folder for the run only.

    python3 Examples/Flaskr/record/record.py /path/to/pallets/flask   # a clone or a .git folder

then commit Examples/Flaskr/record/flaskr_session.json. The Swift test
Tests/FlaskrTests/RecordedSessionTests.swift replays the same requests against the port and
needs no Python. One test client sends every step, so the session cookie carries over.
Each step keeps the request (method, path, form fields) and Flaskr's answer: the status, the
Location and Content-Type headers, what the step did to the session cookie (set, deleted or
nothing: the signed value itself differs by design), and the body as sent. It also keeps the
password hash Flaskr stored for the user it registered, which the port must accept.
"""

import json
import os
import subprocess
import sys
import tempfile
from importlib.metadata import version

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "flaskr_session.json")


def step(method, path, form=None):
    return {"method": method, "path": path, "form": [list(pair) for pair in (form or [])]}


# The session: anonymous pages, registering (and its errors), logging in (and its errors),
# creating, failing validation, updating, forbidden and missing posts, deleting, logging out.
STEPS = [
    step("GET", "/"),
    step("GET", "/hello"),
    step("GET", "/auth/register"),
    step("POST", "/auth/register", [("username", ""), ("password", "")]),
    step("POST", "/auth/register", [("username", "ada"), ("password", "")]),
    step("POST", "/auth/register", [("username", "ada"), ("password", "lovelace")]),
    step("POST", "/auth/register", [("username", "ada"), ("password", "again")]),
    step("GET", "/auth/login"),
    step("POST", "/auth/login", [("username", "nobody"), ("password", "x")]),
    step("POST", "/auth/login", [("username", "ada"), ("password", "wrong")]),
    step("POST", "/auth/login", [("username", "ada")]),
    step("POST", "/auth/login", [("username", "ada"), ("password", "lovelace")]),
    step("GET", "/"),
    step("GET", "/create"),
    step("POST", "/create", [("title", ""), ("body", "a draft <kept>")]),
    step("POST", "/create", [("title", "First & best"), ("body", "Hello\nworld")]),
    step("GET", "/"),
    step("GET", "/2/update"),
    step("POST", "/2/update", [("title", ""), ("body", "changed")]),
    step("POST", "/2/update", [("title", "Renamed"), ("body", "Hello again")]),
    step("GET", "/"),
    step("POST", "/1/update", [("title", "mine now"), ("body", "")]),
    step("POST", "/1/delete"),
    step("POST", "/9/update", [("title", "x"), ("body", "")]),
    step("POST", "/9/delete"),
    step("POST", "/2/delete"),
    step("GET", "/"),
    step("GET", "/auth/logout"),
    step("GET", "/"),
    step("POST", "/create", [("title", "anonymous"), ("body", "")]),
    step("GET", "/1/update"),
    step("POST", "/auth/login", [("username", "test"), ("password", "test")]),
    step("GET", "/1/update"),
    step("GET", "/static/style.css"),
]


def extract_flaskr(source, into):
    """Writes examples/tutorial of the pallets/flask snapshot `source` into `into`."""
    git_dir = source if os.path.exists(os.path.join(source, "HEAD")) else os.path.join(source, ".git")
    archive = subprocess.run(
        ["git", "--git-dir", git_dir, "archive", "HEAD", "examples/tutorial"],
        check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", into], input=archive, check=True)
    return os.path.join(into, "examples", "tutorial")


def cookie_effect(response):
    for line in response.headers.getlist("Set-Cookie"):
        if line.startswith("session="):
            return "deleted" if line.startswith("session=;") or "Max-Age=0" in line else "set"
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as scratch:
        sys.path.insert(0, extract_flaskr(sys.argv[1], scratch))
        from flaskr import create_app
        from flaskr.db import get_db, init_db

        database = os.path.join(scratch, "flaskr.sqlite")
        app = create_app({"TESTING": True, "DATABASE": database})
        with app.app_context():
            init_db()
            with open(os.path.join(HERE, "data.sql"), encoding="utf8") as data:
                get_db().executescript(data.read())
        client = app.test_client()
        recorded = []
        for item in STEPS:
            if item["method"] == "GET":
                response = client.get(item["path"])
            else:
                response = client.post(item["path"], data=dict(item["form"]))
            body = response.get_data(as_text=True)
            if item["path"].startswith("/static/"):
                body = None  # Flaskr's own stylesheet: not ours to commit, and the port's differs
            response.close()
            recorded.append(dict(item, flaskr={
                "status": response.status_code,
                "location": response.headers.get("Location"),
                "content_type": response.headers.get("Content-Type"),
                "session_cookie": cookie_effect(response),
                "body": body,
            }))
        # The hash the real Flaskr stored for "ada" (Werkzeug's default method), for the port to check.
        with app.app_context():
            stored = get_db().execute("SELECT password FROM user WHERE username = 'ada'").fetchone()[0]
    with open(OUT, "w", encoding="utf8") as out:
        json.dump({"flask": version("flask"), "werkzeug": version("werkzeug"), "steps": recorded,
                   "stored_hash": {"hash": stored, "password": "lovelace"}}, out,
                  indent=1, sort_keys=True, ensure_ascii=False)
        out.write("\n")
    print(f"recorded {len(recorded)} steps from Flask {version('flask')} into {OUT}")


if __name__ == "__main__":
    main()
