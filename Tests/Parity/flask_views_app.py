"""The `views` variant of the parity app: view results, endpoints and url_for (issue 13, items
1, 2 and the header parts of 4 and 5). Its Swift twin is `ParityTwin.makeViews()` in
Tests/MicroFlaskTests/Parity/ParityViewsTwin.swift; keep the two in step.
"""

from flask import Blueprint, Flask, abort, redirect, render_template_string, request, url_for
from werkzeug.datastructures import Headers


def create_views_app():
    app = Flask("parity_views")
    app.config["SECRET_KEY"] = "parity-secret"

    # --- results ---------------------------------------------------------------------
    @app.route("/mixed", methods=["GET", "POST"])
    def mixed():
        if request.method == "POST":
            return redirect(url_for("mixed"))
        return render_template_string("<p>{{ 1 + 1 }}</p>")

    @app.route("/body-headers")
    def body_headers():
        return "body", {"X-A": "1"}

    @app.route("/bytes")
    def raw_bytes():
        return b"<b>bytes</b>"

    @app.route("/abort299")
    def abort299():
        abort(299)

    @app.route("/abort418")
    def abort418():
        abort(418)

    @app.route("/abort413")
    def abort413():
        abort(413)

    @app.route("/two-cookies")
    def two_cookies():
        return "x", 201, Headers([("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("Content-Type", "text/plain")])

    @app.route("/echo-header")
    def echo_header():
        return request.headers.get("X-Tag", "none")

    # --- endpoints, as Flaskr names them ------------------------------------------------
    blog = Blueprint("blog", __name__)

    @blog.route("/")
    def index():
        return "blog index"

    @blog.route("/<int:id>/update")
    def update(id):
        return f"update {id}"

    @blog.route("/links")
    def links():
        return "\n".join(
            [
                url_for("index"),
                url_for("blog.index"),
                url_for(".update", id=3),
                url_for("blog.update", id=3, _anchor="top"),
                url_for(".links", _external=True),
                url_for(".links", tag=["a", "b"], z=1, a=2),
            ]
        )

    app.register_blueprint(blog)
    app.add_url_rule("/", endpoint="index")

    auth = Blueprint("auth", __name__, url_prefix="/auth")

    @auth.route("/login")
    def login():
        return render_template_string("{{ url_for('.login') }} {{ url_for('blog.update', id=1) }}")

    app.register_blueprint(auth)
    return app
