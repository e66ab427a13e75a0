// MicroFlask: a Flask-style web framework for Swift on Linux, built on Glibc sockets.
