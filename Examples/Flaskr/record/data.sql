-- The test data of the Flaskr port's tests and of record.py: users `test` and `other`
-- (passwords as their names, hashed by Werkzeug 3.1.8 with pbkdf2:sha256:1000) and one post.
INSERT INTO user (username, password) VALUES
    ('test', 'pbkdf2:sha256:1000$A8uOVG1I$db59950151566cf70d6bf4ef19b3c221b6ab7482518d48a32bca67f8d2cb9a8f'),
    ('other', 'pbkdf2:sha256:1000$1cYSTcn8$6bd83dcf75dafd6dbe757767f7ae66a0519c3ddf688d7d3c14070565727d9e23');
INSERT INTO post (title, body, author_id, created) VALUES
    ('test title', 'test' || char(10) || 'body', 1, '2018-01-01 00:00:00');
