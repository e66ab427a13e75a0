"""The Flask twin of the MicroFlask app built in
Tests/MicroFlaskTests/Parity/FlaskParityTests.swift (`ParityTwin.make`).

Every view here has a Swift counterpart with the same rule, endpoint name and output;
record.py runs the parity cases against `create_app(variant)` and writes
flask_expectations.json. Keep the two files in step: a view added here needs its twin there.
"""

import os
from dataclasses import dataclass

from flask import (
    Blueprint,
    Flask,
    abort,
    flash,
    g,
    get_flashed_messages,
    jsonify,
    redirect,
    request,
    session,
    url_for,
)
from markupsafe import escape


class Kaboom(Exception):
    """An error no handler knows: a 500."""


class OutOfStock(Exception):
    """An error with its own handler (409)."""


class Broken(Exception):
    """An error whose handler itself fails."""


@dataclass
class Book:
    title: str
    pages: int


def create_app(variant="main", environ=None):
    if variant == "views":
        from flask_views_app import create_views_app

        return create_views_app()
    app = Flask("parity")
    app.config["SECRET_KEY"] = "parity-secret"
    if variant == "debug":
        app.debug = True
        # Flask would re-raise into the test client in debug mode; the server would show
        # the Werkzeug debugger. With propagation off, Flask answers with its 500 page.
        app.config["PROPAGATE_EXCEPTIONS"] = False
    if variant == "config":
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(environ or {})
        try:
            app.config.from_prefixed_env(prefix="MYAPP")
        finally:
            os.environ.clear()
            os.environ.update(saved)
    teardown_log = []

    # --- hooks ---------------------------------------------------------------
    @app.before_request
    def block_hook():
        if request.args.get("block") == "1":
            return "blocked by hook", 403

    @app.after_request
    def add_header(response):
        response.headers["X-After"] = "yes"
        return response

    @app.teardown_request
    def record_teardown(error):
        if request.path != "/teardown-log":
            teardown_log.append(type(error).__name__ if error else "None")

    @app.get("/teardown-log")
    def teardown_log_view():
        return ",".join(teardown_log)

    # --- routing ---------------------------------------------------------------
    @app.route("/")
    def index():
        return "Hello, World!"

    @app.route("/user/<username>")
    def user(username):
        return f"User {escape(username)}"

    @app.route("/post/<int:post_id>")
    def post(post_id):
        return f"Post {post_id}"

    @app.route("/price/<float:value>")
    def price(value):
        return f"Price {value}"

    @app.route("/path/<path:subpath>")
    def subpath(subpath):
        return f"Subpath {escape(subpath)}"

    @app.route("/uuid/<uuid:ident>")
    def uuid_view(ident):
        return f"UUID {ident}"

    @app.route("/lang/<any(en,fr):code>")
    def lang(code):
        return f"Lang {code}"

    @app.route("/projects/")
    def projects():
        return "The project page"

    @app.route("/about")
    def about():
        return "The about page"

    @app.route("/both", methods=["GET", "POST"])
    def both():
        return f"both {request.method}"

    # --- request data ------------------------------------------------------------
    @app.route("/args")
    def args():
        tags = ",".join(request.args.getlist("tag"))
        return f"tags={tags} q={request.args.get('q', '')} missing={request.args.get('missing', '-')}"

    @app.post("/form")
    def form():
        langs = ",".join(request.form.getlist("lang"))
        return f"name={request.form['name']} langs={langs}"

    @app.post("/upload")
    def upload():
        f = request.files["doc"]
        size = len(f.read())
        return f"{request.form.get('title')}: {f.filename} {f.content_type} {size}"

    @app.post("/json")
    def json_view():
        data = request.get_json()
        return jsonify(hello=data["name"])

    @app.route("/cookies")
    def cookies():
        return f"theme={request.cookies.get('theme')} lang={request.cookies.get('lang')}"

    @app.route("/headers")
    def headers():
        return f"custom={request.headers.get('X-CUSTOM')} agent={request.headers.get('user-agent')}"

    # --- responses -------------------------------------------------------------
    @app.route("/dict")
    def dict_view():
        return {"name": "Ada", "langs": ["swift", "python"], "age": 36}

    @app.route("/list")
    def list_view():
        return ["a", "b"]

    @app.route("/book")
    def book():
        return jsonify(Book(title="Dune", pages=412))

    @app.route("/created")
    def created():
        return "Created", 201

    @app.route("/teapot")
    def teapot():
        return "short and stout", 418, {"X-Tea": "earl grey"}

    @app.route("/go")
    def go():
        return redirect("/args?tag=x&q=y")

    @app.route("/abort404")
    def abort404():
        abort(404)

    @app.route("/abort403")
    def abort403():
        abort(403, "No entry <here>")

    @app.route("/set-cookies")
    def set_cookies():
        response = app.make_response("cookies set")
        response.set_cookie("theme", "dark", max_age=3600, httponly=True, samesite="Lax")
        response.set_cookie("token", "abc", path="/admin", secure=True, samesite="Strict")
        response.set_cookie("plain", "1")
        response.delete_cookie("old")
        return response

    # --- error handlers --------------------------------------------------------------
    @app.errorhandler(OutOfStock)
    def out_of_stock(error):
        return f"Out of stock: {error}", 409

    @app.errorhandler(Broken)
    def broken_handler(error):
        raise Kaboom("the handler failed")

    @app.route("/stock")
    def stock():
        raise OutOfStock("teapots")

    @app.route("/broken")
    def broken():
        raise Broken()

    @app.route("/boom")
    def boom():
        raise Kaboom("no more coffee")

    # --- sessions and flash ------------------------------------------------------
    @app.post("/login")
    def login():
        session["user"] = request.form["name"]
        return redirect(url_for("whoami"))

    @app.route("/whoami")
    def whoami():
        if "user" in session:
            return f"Logged in as {session['user']}"
        return "You are not logged in"

    @app.route("/logout")
    def logout():
        session.pop("user", None)
        return redirect(url_for("whoami"))

    @app.post("/flash")
    def flash_view():
        flash("Saved!")
        flash("Careful", "warning")
        return redirect(url_for("show_flashes"))

    @app.route("/flashes")
    def show_flashes():
        messages = get_flashed_messages(with_categories=True)
        return "|".join(f"{category}:{message}" for category, message in messages) or "none"

    # --- url_for ----------------------------------------------------------------
    @app.route("/urls")
    def urls():
        return "\n".join(
            [
                url_for("index"),
                url_for("user", username="ada lovelace"),
                url_for("post", post_id=7, page=2, tab="a b&c"),
                url_for("admin.dashboard"),
                url_for("api.v1.items"),
                url_for("shop.item", item_id=3),
            ]
        )

    # --- config ------------------------------------------------------------------
    @app.route("/config")
    def config():
        return (
            f"debug={app.debug} secret={app.config.get('SECRET_KEY')} "
            f"database={app.config.get('DATABASE')} workers={app.config.get('WORKERS')} "
            f"other={app.config.get('OTHER')}"
        )

    # --- blueprints --------------------------------------------------------------
    admin = Blueprint("admin", __name__, url_prefix="/admin")

    @admin.before_request
    def admin_only():
        if request.headers.get("X-Admin") != "yes":
            return "admins only", 401

    @admin.route("/")
    def dashboard():
        return f"Admin dashboard ({request.endpoint})"

    app.register_blueprint(admin)

    api = Blueprint("api", __name__, url_prefix="/api")
    v1 = Blueprint("v1", __name__, url_prefix="/v1")

    @api.before_request
    def api_version():
        g.seen_by = "api"

    @v1.route("/items")
    def items():
        return {"items": ["a", "b"], "seen_by": g.get("seen_by"), "endpoint": request.endpoint}

    api.register_blueprint(v1)
    app.register_blueprint(api)

    shop = Blueprint("shop", __name__, url_prefix="/shop")

    @shop.errorhandler(404)
    def shop_not_found(error):
        return "No such item in the shop", 404

    @shop.route("/item/<int:item_id>")
    def item(item_id):
        if item_id != 1:
            abort(404)
        return "Item 1"

    app.register_blueprint(shop)
    return app
