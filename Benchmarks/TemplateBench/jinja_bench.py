"""Renders templates/rows.html (100 rows) with Jinja2, autoescape on, and prints renders per second.

Usage: python3 jinja_bench.py [iterations] [--dump]   (run from Benchmarks/TemplateBench)
"""
import sys
import time

from jinja2 import Environment, FileSystemLoader

args = sys.argv[1:]
iterations = next((int(a) for a in args if a.isdigit()), 5000)
rows = [
    {"name": f"User <{i}> & 'co'", "email": f"USER{i}@EXAMPLE.COM", "active": i % 3 != 0}
    for i in range(1, 101)
]
env = Environment(loader=FileSystemLoader("templates"), autoescape=True)
template = env.get_template("rows.html")
first = template.render(rows=rows)
if "--dump" in args:
    sys.stdout.write(first)
    sys.exit(0)
for _ in range(min(iterations // 10, 1000)):
    template.render(rows=rows)
start = time.perf_counter()
total = 0
for _ in range(iterations):
    total += len(template.render(rows=rows))
elapsed = time.perf_counter() - start
rate = iterations / elapsed
print(f"Jinja2:     {rate:.0f} renders/s ({1e6 / rate:.1f} us/render, {iterations} iterations, {total // iterations} chars/page)")
