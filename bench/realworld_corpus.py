#!/usr/bin/env python3
"""Draws the real-world corpus of bench/realworld.sh from bare git clones of public repositories.

    MIRROR=DIR OUT=CORPUS python3 bench/realworld_corpus.py

DIR holds one bare clone per repository as DIR/<owner>+<name>/repo. Reproducible: every list is
sorted, the sample is every k-th entry from a fixed offset, and manifest.tsv records each file's
repository, commit and path (written to CORPUS with the files)."""
import subprocess, json, os, re, sys, shutil
import yaml
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from realworld_check import spec_operations
M = os.environ.get("MIRROR", "/work/.mirror")
OUT0 = os.environ.get("OUT", "/work/realworld")
OUT = os.path.join(OUT0, "specs")
def git(repo, *a, text=True):
    return subprocess.run(["git", f"--git-dir={M}/{repo}/repo", *a], capture_output=True, text=text, check=True).stdout
def head(repo): return git(repo, "rev-parse", "HEAD").strip()
def files(repo): return sorted(git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines())
def show(repo, p): return git(repo, "show", f"HEAD:{p}", text=False)
def parse(b):
    t = b.decode("utf-8", "replace")
    try: return json.loads(t)
    except ValueError: pass
    try: return yaml.load(t, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception: return None
MS = ("get","put","post","delete","patch","head","options","trace")
def shape_of(d):
    if not isinstance(d, dict): return None
    v = str(d.get("openapi") or d.get("swagger") or "")
    if v.startswith("2"): return "2.0"
    if v.startswith("3.0"): return "3.0"
    if v.startswith("3.1"): return "3.1"
    return None
def ext_refs(o):
    n = 0
    if isinstance(o, dict):
        r = o.get("$ref")
        if isinstance(r, str) and not r.startswith("#"): n += 1
        for v in o.values(): n += ext_refs(v)
    elif isinstance(o, list):
        for v in o: n += ext_refs(v)
    return n
def ops(d):
    p = d.get("paths") if isinstance(d, dict) else None
    if not isinstance(p, dict): return 0
    return sum(1 for i in p.values() if isinstance(i, dict) for m in i if m in MS)
manifest = []
def take(repo, path, name, tree=None):
    """tree: folder (in repo) to copy whole for multi-file specs; entry is path."""
    c = head(repo)
    b = show(repo, path); d = parse(b)
    sh = shape_of(d)
    multi = ext_refs(d) > 0
    shape = "multi-file" if multi else sh
    dst = os.path.join(OUT, name)
    if os.path.exists(dst): shutil.rmtree(dst)
    os.makedirs(dst)
    if multi:
        root = tree or os.path.dirname(path)
        ar = subprocess.run(["git", f"--git-dir={M}/{repo}/repo", "archive", "HEAD", root], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", dst], input=ar, check=True)
        entry = os.path.join(name, path)
        size = sum(os.path.getsize(os.path.join(a, f)) for a, _, fs in os.walk(dst) for f in fs)
    else:
        fn = os.path.basename(path)
        open(os.path.join(dst, fn), "wb").write(b)
        entry = os.path.join(name, fn); size = len(b)
    n_ops = spec_operations(os.path.join(OUT, entry))[0] if multi else ops(d)
    manifest.append(dict(name=name, entry="specs/" + entry, shape=shape, version=sh, source=f"github:{repo.replace('+','/')}",
                         commit=c, path=path, bytes=size, operations=n_ops))
    print(f"{name}\t{shape}\t{sh}\t{size}\t{n_ops}", file=sys.stderr)

def slug(s): return re.sub(r"[^a-zA-Z0-9]+", "_", s).strip("_").lower()

# 1. APIs.guru directory (darosh/openapi-directory-lite: the directory's preferred version of
#    each API as of 2017, JSON): every 20th spec of the sorted list, starting at index 3.
r = "darosh+openapi-directory-lite"
cand = [f for f in files(r) if f.startswith("specs/") and f.endswith(".json")]
for f in cand[3::20]:
    take(r, f, "apisguru_" + slug(f[len("specs/"):-5]))
# 2. Twilio: every 5th of the 3.0 JSON specs
r = "twilio+twilio-oai"
cand = [f for f in files(r) if re.match(r"spec/json/twilio_[a-z_0-9]+\.json$", f)]
for f in cand[::5]: take(r, f, slug(os.path.basename(f)[:-5]))
# 3. Apideck unified APIs: every 2nd
r = "apideck-libraries+openapi-specs"
cand = [f for f in files(r) if re.match(r"[a-z-]+\.yml$", f)]
for f in cand[::2]: take(r, f, "apideck_" + slug(f[:-4]))
# 4. Single-vendor specs
for r, f in [("webex+webex-openapi-specs", "public-spec/webex-device.json"),
             ("webex+webex-openapi-specs", "public-spec/webex-broadworks.json"),
             ("sonallux+spotify-web-api", "fixed-spotify-open-api.yml"),
             ("discord+discord-api-spec", "specs/openapi.json"),
             ("Redocly+museum-openapi-example", "openapi.yaml"),
             ]:
    take(r, f, slug(r.split("+")[0] + "_" + os.path.splitext(os.path.basename(f))[0]))

# 5. HubSpot public API collection: one spec per API (the last file of each API folder, sorted),
#    every 6th API.
r = "HubSpot+HubSpot-public-api-spec-collection"
apis = {}
for f in files(r):
    m = re.match(r"PublicApiSpecs/([^/]+/[^/]+)/Rollouts/.*\.json$", f)
    if m: apis.setdefault(m.group(1), []).append(f)
for a in sorted(apis)[::6]: take(r, apis[a][-1], "hubspot_" + slug(a))
# 6. Xero: every 3rd
r = "XeroAPI+Xero-OpenAPI"
for f in [f for f in files(r) if re.match(r"xero[-_][a-z_-]+\.yaml$", f)][::3]: take(r, f, slug(f[:-5]))
# 7. OpsRamp: every 4th
r = "opsramp+openapi-specs"
for f in [f for f in files(r) if re.match(r"v2/opsramp-.*\.v2\.yaml$", f)][::4]: take(r, f, slug(os.path.basename(f)[:-8]))
# 8. PingOne, single-file 3.1 by tag group: every 4th YAML
r = "pingidentity+pingone-openapi-specifications"
for f in [f for f in files(r) if re.match(r"specification/3\.1/api/by-tag-group/[^/]+/openapi\.yaml$", f)][::4]:
    take(r, f, "pingone_" + slug(f.split("/")[-2]))
# 9. More single-vendor specs
for r, f in [("meilisearch+open-api", "open-api.json"), ("openai+openai-openapi", "openapi.yaml"),
             ("resend+resend-openapi", "resend.yaml"), ("typesense+typesense-api-spec", "openapi.yml"),
             ("PagerDuty+api-schema", "reference/events-v2/openapiv3.json"),
             ("PagerDuty+api-schema", "reference/scim/openapiv3.json"),
             ("box+box-openapi", "openapi/openapi-v2025.0.json"),
             ("plaid+plaid-openapi", "2020-09-14.yml"),
             ("sendgrid+sendgrid-oai", "oai.yaml"),
             ("netlify+open-api", "swagger.yml"),
             ("OAI+learn.openapis.org", "examples/v3.0/uspto.yaml"),
             ("OAI+learn.openapis.org", "examples/v3.0/callback-example.yaml"),
             ("OAI+learn.openapis.org", "examples/v3.0/link-example.yaml"),
             ("OAI+learn.openapis.org", "examples/v3.1/tictactoe.yaml"),
             ("OAI+learn.openapis.org", "examples/v3.1/webhook-example.yaml"),
             ("OAI+learn.openapis.org", "examples/v3.1/non-oauth-scopes.yaml"),
             ("OAI+learn.openapis.org", "examples/v2.0/yaml/uber.yaml"),
             ]:
    take(r, f, slug(r.split("+")[0] + "_" + os.path.splitext(f)[0].replace("reference/", "").replace("examples/", "")))
# 10. Multi-file trees (the entry's folder, or the given root, copied whole)
for r, f, root, n in [("Redocly+openapi-starter", "openapi/openapi.yaml", "openapi", "redocly_openapi_starter"),
                      ("GreenButtonAlliance+openapi-starter", "openapi/openapi.yaml", "openapi", "greenbutton_espi"),
                      ("digitalocean+openapi", "specification/DigitalOcean-public.v2.yaml", "specification", "digitalocean_public_v2"),
                      ("pingidentity+pingone-openapi-specifications", "specification/3.1/api/split/openapi.yaml", "specification/3.1/api/split", "pingone_split"),
                      ("OAI+learn.openapis.org", "examples/v2.0/yaml/petstore-separate/spec/swagger.yaml", "examples/v2.0/yaml/petstore-separate", "oai_petstore_separate_yaml"),
                      ("OAI+learn.openapis.org", "examples/v2.0/json/petstore-separate/spec/swagger.json", "examples/v2.0/json/petstore-separate", "oai_petstore_separate_json"),
                      ]:
    take(r, f, n, tree=root)
json.dump(manifest, open(os.path.join(OUT0, "manifest.json"), "w"), indent=1)
with open(os.path.join(OUT0, "manifest.tsv"), "w") as o:
    o.write("name\tshape\tversion\tentry\tsource\tcommit\tpath\tbytes\toperations\n")
    for m in manifest:
        o.write("\t".join(str(m[k]) for k in ("name","shape","version","entry","source","commit","path","bytes","operations")) + "\n")
