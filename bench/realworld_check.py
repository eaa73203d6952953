#!/usr/bin/env python3
"""Silently-wrong check of one cpaas-generated crate (bench/realworld.sh).

    realworld_check.py SPEC CRATE_DIR GEN_STDERR

Prints `no|` or `yes|<what>` (or `unknown|<why>`). Two checks, kept simple:
- hollow: the spec's operations (path items followed through relative files, as a
  multi-file tree has them) against the `generated N operations` the driver printed; fewer
  generated with no warning at all is silently hollow.
- path parameters: a path of the generated code that still holds a `{name}` template
  placeholder (sent literally, since the method has no argument for it).
"""
import json, os, re, sys

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def load(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    try:
        return json.loads(text)
    except ValueError:
        import yaml
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def resolve(base, ref, cache):
    """A `$ref` to `file#/json/pointer` (or `#/pointer` in `base`), or None."""
    f, _, frag = ref.partition("#")
    whole = os.path.normpath(os.path.join(os.path.dirname(base), ref))
    if f and frag and not frag.startswith("/") and os.path.isfile(whole):
        f, frag = ref, ""  # a file name holding `#` (Redocly split), as cpaas reads it
    path = os.path.normpath(os.path.join(os.path.dirname(base), f)) if f else base
    if path not in cache:
        try:
            cache[path] = load(path)
        except Exception:
            cache[path] = None
    node = cache[path]
    for part in [p for p in frag.split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return None, path
        node = node[part]
    return node, path


def spec_operations(spec):
    cache = {}
    doc = load(spec)
    cache[os.path.normpath(spec)] = doc
    paths = doc.get("paths") if isinstance(doc, dict) else None
    if isinstance(paths, dict) and "$ref" in paths:
        paths, _ = resolve(spec, paths["$ref"], cache)
    n, ops = 0, []
    for p, item in (paths or {}).items():
        base = spec
        for _ in range(8):  # a path item may be a $ref (to a $ref ...)
            if isinstance(item, dict) and isinstance(item.get("$ref"), str):
                item, base = resolve(base, item["$ref"], cache)
            else:
                break
        if isinstance(item, dict):
            for m in item:
                if m in METHODS:
                    n += 1
                    ops.append((m, p))
    return n, ops


def main():
    spec, crate, err = sys.argv[1:4]
    try:
        n, _ = spec_operations(spec)
    except Exception as e:  # the spec could not be read here: say so, do not guess
        print(f"unknown|spec not readable by the check: {e}"[:200])
        return
    text = open(err, encoding="utf-8", errors="replace").read()
    m = re.search(r"generated (\d+) operations", text)
    warnings = len(re.findall(r"warning\[", text))
    problems = []
    if m and int(m.group(1)) < n and warnings == 0:
        problems.append(f"hollow: {n - int(m.group(1))} of {n} operations missing, no warning")
    code = ""
    for root, _, files in os.walk(os.path.join(crate, "src")):
        for f in files:
            if f.endswith(".rs"):
                code += open(os.path.join(root, f), encoding="utf-8").read()
    # The path a request is sent to (`Request::new(id, method, template, PATH)`):
    # `format!("/a/{{id}}/b", ..)` or `"/a/{id}/b".to_string()` sends a placeholder verbatim.
    left = set(re.findall(r'format!\(\s*"(/[^"]*\{\{[^"]*)"', code))
    left |= set(re.findall(r'"(/[^"]*\{[^"]*)"\.to_string\(\)', code))
    if left:
        problems.append(f"path placeholder without argument in {len(left)} paths, e.g. {sorted(left)[0]}")
    print(("yes|" + "; ".join(problems)) if problems else "no|")


if __name__ == "__main__":
    main()
