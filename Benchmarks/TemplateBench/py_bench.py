"""Renders the TemplateBench pages with Jinja2 or MiniJinja (its Python binding) and prints one
JSON line with renders per second.

Usage: python3 py_bench.py ENGINE PAGE [--seconds S] [--dump]   (run from Benchmarks/TemplateBench)
  ENGINE: jinja2 | minijinja;  PAGE: page (the 33 KB users page) | flaskr (Flaskr's blog index)
The data is the same as Sources/TemplateBench/Pages.swift builds for MicroFlask.
"""
import datetime
import json
import sys
import time

FLASKR_TEMPLATES = "../../Examples/Flaskr/templates"


def page_context():
    roles = ["admin", "editor", "viewer"]
    tags = ["swift", "web", "<b>", "ops", "db"]
    rows = [
        {
            "id": i,
            "name": f"User <{i}> & 'co'",
            "email": f"USER{i}@EXAMPLE.COM",
            "role": roles[i % 3],
            "tags": [tags[i % 5], tags[(i + 2) % 5]],
            "score": i * 37 % 1000,
            "active": i % 3 != 0,
        }
        for i in range(1, 101)
    ]
    nav = [{"href": "/" + w, "label": w + " page"} for w in ["home", "users", "reports", "settings", "help"]]
    return {
        "site": {"name": "Micro <Site>", "year": 2026, "nav": nav},
        "current": "/users",
        "page_class": "users-page",
        "description": "All users & their roles",
        "heading": "all users",
        "active_count": sum(1 for r in rows if r["active"]),
        "rows": rows,
    }


def flaskr_context():
    posts = [
        {
            "id": i,
            "title": f"Post {i}: <Swift> & Flask",
            "body": f"Body of post {i}.\nIt has two lines & a <tag>.",
            "created": datetime.datetime(2026, 11, 1 + i % 28, 10, 30, 0),
            "author_id": 1 if i % 2 else 2,
            "username": "ada" if i % 2 else "grace",
        }
        for i in range(1, 21)
    ]
    return {"posts": posts, "g": {"user": {"id": 1, "username": "ada"}}}


ROUTES = {
    "index": "/",
    "static": "/static/{filename}",
    "auth.register": "/auth/register",
    "auth.login": "/auth/login",
    "auth.logout": "/auth/logout",
    "blog.create": "/create",
    "blog.update": "/{id}/update",
}


def url_for(endpoint, **values):
    return ROUTES[endpoint].format(**values)


def get_flashed_messages(with_categories=False):
    return []


def make(engine, page):
    folder = "templates" if page == "page" else FLASKR_TEMPLATES
    name = "page.html" if page == "page" else "blog/index.html"
    context = page_context() if page == "page" else flaskr_context()
    functions = {"url_for": url_for, "get_flashed_messages": get_flashed_messages}
    if engine == "jinja2":
        from jinja2 import Environment, FileSystemLoader

        env = Environment(loader=FileSystemLoader(folder), autoescape=True)
        env.globals.update(functions)
        template = env.get_template(name)
        return lambda: template.render(context)
    from minijinja import Environment, load_from_path

    env = Environment(loader=load_from_path(folder), auto_escape_callback=lambda _: True)
    for key, function in functions.items():
        env.add_function(key, function)
    return lambda: env.render_template(name, **context)


def main():
    args = sys.argv[1:]
    engine, page = args[0], args[1]
    seconds = float(args[args.index("--seconds") + 1]) if "--seconds" in args else 2.0
    render = make(engine, page)
    first = render()
    if "--dump" in args:
        sys.stdout.write(first)
        return
    deadline = time.perf_counter() + seconds / 4
    while time.perf_counter() < deadline:
        render()
    count = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(10):
            render()
        count += 10
        now = time.perf_counter()
        if now >= deadline:
            break
    cpu = time.process_time() - cpu_start
    rate = count / (now - start)
    print(json.dumps({"engine": engine, "page": page, "renders_per_s": rate, "renders_per_cpu_s": count / cpu,
                      "bytes": len(first.encode())}))


main()
