"""Flask peer for the MicroFlask benchmarks: the same routes, served by gunicorn.

    gunicorn -w 2 -k sync -b 127.0.0.1:8083 --chdir Benchmarks/Peers/Flask app:app
"""
from flask import Flask, Response, jsonify

app = Flask(__name__)


@app.get("/")
def index():
    return "<h1>Hello</h1>"


@app.get("/plaintext")
def plaintext():
    return Response("Hello, World!", mimetype="text/plain")


@app.get("/json")
def json_message():
    return jsonify(message="Hello, World!")


@app.get("/users/<int:user_id>")
def user(user_id):
    return jsonify(id=user_id, name=f"User {user_id}")
