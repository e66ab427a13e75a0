import Foundation
import Testing

@testable import MicroFlask

extension Templates {
    /// The Jinja constructs of Flaskr's templates (Flask's tutorial app, written anew here):
    /// nested blocks, `g.user['...']`, `post['created'].strftime(...)`, `loop.last`,
    /// `request.form[...] or ...`, flashed messages. Expected output rendered by Jinja2 3.1.
    struct FlaskrTemplateTests {
        static let files: [String: String] = [
            "base.html":
                "<!doctype html>\n<title>{% block title %}{% endblock %} - Flaskr</title>\n<nav>\n  <h1>Flaskr</h1>\n  <ul>\n    {% if g.user %}\n      <li><span>{{ g.user['username'] }}</span>\n    {% else %}\n      <li><a href=\"/register\">Register</a>\n    {% endif %}\n  </ul>\n</nav>\n<section class=\"content\">\n  <header>\n    {% block header %}{% endblock %}\n  </header>\n  {% for message in get_flashed_messages() %}\n    <div class=\"flash\">{{ message }}</div>\n  {% endfor %}\n  {% block content %}{% endblock %}\n</section>\n",
            "blog/index.html":
                "{% extends 'base.html' %}\n\n{% block header %}\n  <h1>{% block title %}Posts{% endblock %}</h1>\n  {% if g.user %}\n    <a class=\"action\" href=\"/create\">New</a>\n  {% endif %}\n{% endblock %}\n\n{% block content %}\n  {% for post in posts %}\n    <article class=\"post\">\n      <header>\n        <div>\n          <h1>{{ post['title'] }}</h1>\n          <div class=\"about\">by {{ post['username'] }} on {{ post['created'].strftime('%Y-%m-%d') }}</div>\n        </div>\n        {% if g.user['id'] == post['author_id'] %}\n          <a class=\"action\" href=\"/{{ post['id'] }}/update\">Edit</a>\n        {% endif %}\n      </header>\n      <p class=\"body\">{{ post['body'] }}</p>\n    </article>\n    {% if not loop.last %}\n      <hr>\n    {% endif %}\n  {% endfor %}\n{% endblock %}\n",
            "blog/update.html":
                "{% extends 'base.html' %}\n\n{% block header %}\n  <h1>{% block title %}Edit \"{{ post['title'] }}\"{% endblock %}</h1>\n{% endblock %}\n\n{% block content %}\n  <form method=\"post\">\n    <input name=\"title\" id=\"title\" value=\"{{ request.form['title'] or post['title'] }}\" required>\n    <textarea name=\"body\" id=\"body\">{{ request.form['body'] or post['body'] }}</textarea>\n  </form>\n{% endblock %}\n",
        ]

        static let jinjaIndex =
            "<!doctype html>\n<title>Posts - Flaskr</title>\n<nav>\n  <h1>Flaskr</h1>\n  <ul>\n    \n      <li><span>ada&lt;</span>\n    \n  </ul>\n</nav>\n<section class=\"content\">\n  <header>\n    \n  <h1>Posts</h1>\n  \n    <a class=\"action\" href=\"/create\">New</a>\n  \n\n  </header>\n  \n    <div class=\"flash\">Title is required.</div>\n  \n  \n  \n    <article class=\"post\">\n      <header>\n        <div>\n          <h1>Hello &lt;b&gt;</h1>\n          <div class=\"about\">by ada&lt; on 2024-01-15</div>\n        </div>\n        \n          <a class=\"action\" href=\"/1/update\">Edit</a>\n        \n      </header>\n      <p class=\"body\">text &amp; more</p>\n    </article>\n    \n      <hr>\n    \n  \n    <article class=\"post\">\n      <header>\n        <div>\n          <h1>Second</h1>\n          <div class=\"about\">by bob on 2023-12-31</div>\n        </div>\n        \n      </header>\n      <p class=\"body\">b</p>\n    </article>\n    \n  \n\n</section>"

        static let jinjaUpdate =
            "<!doctype html>\n<title>Edit \"Hello &lt;b&gt;\" - Flaskr</title>\n<nav>\n  <h1>Flaskr</h1>\n  <ul>\n    \n      <li><span>ada&lt;</span>\n    \n  </ul>\n</nav>\n<section class=\"content\">\n  <header>\n    \n  <h1>Edit \"Hello &lt;b&gt;\"</h1>\n\n  </header>\n  \n    <div class=\"flash\">Title is required.</div>\n  \n  \n  <form method=\"post\">\n    <input name=\"title\" id=\"title\" value=\"Hello &lt;b&gt;\" required>\n    <textarea name=\"body\" id=\"body\">kept</textarea>\n  </form>\n\n</section>"

        struct Post: Encodable {
            let id: Int
            let title: String
            let body: String
            let created: Date
            let author_id: Int
            let username: String
        }

        @Test func flaskrPagesRenderLikeJinja() throws {
            let fixture = try TemplateFixture(Self.files)
            defer { fixture.remove() }
            let environment = TemplateEnvironment(directory: fixture.path)
            environment.registerFunction("get_flashed_messages") { _, _ in ["Title is required."] }
            let posts = [
                Post(
                    id: 1, title: "Hello <b>", body: "text & more", created: Date(timeIntervalSince1970: 1_705_314_600),
                    author_id: 1, username: "ada<"),
                Post(
                    id: 2, title: "Second", body: "b", created: Date(timeIntervalSince1970: 1_704_067_140),
                    author_id: 2,
                    username: "bob"),
            ]
            let encoded = try TemplateValue(encoding: posts)
            let g: TemplateValue = ["user": ["id": 1, "username": "ada<"]]
            #expect(try environment.render("blog/index.html", ["g": g, "posts": encoded]) == Self.jinjaIndex)
            guard case .array(let items) = encoded else {
                Issue.record("the posts did not encode to a list: \(encoded)")
                return
            }
            let request: TemplateValue = ["form": ["title": "", "body": "kept"]]
            let update = try environment.render("blog/update.html", ["g": g, "post": items[0], "request": request])
            #expect(update == Self.jinjaUpdate)
        }
    }
}
