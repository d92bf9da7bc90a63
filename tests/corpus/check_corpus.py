#!/usr/bin/env python3
"""Check the corpus against the catalog without running the analysis engine.

For every NAME.yaml: kinds exist; each property is listed for the element's kind (or applies to
flows / boundaries), has a known value of the right type; ids are unique; flows, `contains` and
`parent` name existing ids. For every NAME.expect.toml: the scenario matches the file name;
threat ids are in the catalog (or in the list of threats being added); targets and entries exist
in the model ("*" allowed for false positives); the layer is one of the threat's home layers.

    python3 tests/corpus/check_corpus.py          # from the repository root, or from anywhere
"""
import glob
import os
import sys
import tomllib

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "..", "catalog")

# Threats being added to the catalog, used until its files define them: id -> home layers.
NEW_THREATS = {
    "system-prompt-leakage": ["L3"],
    "self-modification": ["L3"],
    "link-exfiltration": ["L3"],
    "tool-description-poisoning": ["L3"],
    "mcp-rug-pull": ["L3"],
    "lethal-trifecta": ["cross-layer"],
}
# rogue-agent now also applies to internal agents, found from paths (cross-layer is already a
# home layer of it in the catalog).

MODEL_KEYS = {"name", "description", "notes", "components", "flows", "boundaries"}
COMPONENT_KEYS = {"id", "kind", "name", "description", "notes", "properties", "position", "layer", "justification"}
FLOW_KEYS = {"id", "from", "to", "name", "description", "notes", "properties"}
BOUNDARY_KEYS = {"id", "name", "description", "notes", "properties", "contains", "parent", "position", "size"}
LAYERS = {"L1", "L2", "L3", "L4", "L5", "L6", "L7", "cross-layer"}


def load_toml(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def load_catalog():
    props = {p["id"]: p for p in load_toml(os.path.join(CATALOG, "properties.toml"))["property"]}
    kinds = {k["id"]: k for k in load_toml(os.path.join(CATALOG, "kinds.toml"))["kind"]}
    threats = {}
    for f in glob.glob(os.path.join(CATALOG, "threats", "*.toml")):
        for t in load_toml(f).get("threat", []):
            threats[t["id"]] = t["layers"]
    for t, layers in NEW_THREATS.items():
        threats.setdefault(t, layers)  # the catalog's own entry wins once it exists
    return props, kinds, threats


def check_value(prop, value):
    if prop["type"] == "bool":
        return isinstance(value, bool)
    return isinstance(value, str) and value in prop["values"]


def check_model(path, props, kinds, errors):
    try:
        with open(path) as f:
            model = yaml.safe_load(f)
    except yaml.YAMLError as e:
        errors.append(f"{path}: YAML does not parse: {e}")
        return None, set(), 0, 0
    ids = set()

    def new_id(i, what):
        if not isinstance(i, str) or not i:
            errors.append(f"{path}: {what} without an id")
        elif i in ids:
            errors.append(f"{path}: duplicate id {i}")
        ids.add(i)

    for key in model:
        if key not in MODEL_KEYS:
            errors.append(f"{path}: unknown top-level key {key!r}")
    comps = model.get("components", [])
    for c in comps:
        new_id(c.get("id"), "component")
        for key in c:
            if key not in COMPONENT_KEYS:
                errors.append(f"{path}: {c.get('id')}: unknown key {key!r}")
        kind = kinds.get(c.get("kind"))
        if kind is None:
            errors.append(f"{path}: {c.get('id')}: unknown kind {c.get('kind')}")
            continue
        for k, v in (c.get("properties") or {}).items():
            if k not in kind["properties"]:
                errors.append(f"{path}: {c['id']}: property {k} not listed for kind {kind['id']}")
            elif not check_value(props[k], v):
                errors.append(f"{path}: {c['id']}: bad value {v!r} for {k}")
    for item in comps + model.get("flows", []) + model.get("boundaries", []):
        for key in ("name", "description"):
            if key in item and not isinstance(item[key], str):
                errors.append(f"{path}: {item.get('id')}: {key} is not a string ({item[key]!r})")
    comp_ids = {c["id"] for c in comps}
    for fl in model.get("flows", []):
        new_id(fl.get("id"), "flow")
        for key in fl:
            if key not in FLOW_KEYS:
                errors.append(f"{path}: flow {fl.get('id')}: unknown key {key!r} (a comma in a flow-style name?)")
        for end in ("from", "to"):
            if fl.get(end) not in comp_ids:
                errors.append(f"{path}: flow {fl.get('id')}: {end} {fl.get(end)} is not a component")
        for k, v in (fl.get("properties") or {}).items():
            p = props.get(k)
            if p is None or "flow" not in p["applies_to"]:
                errors.append(f"{path}: flow {fl.get('id')}: property {k} does not apply to flows")
            elif not check_value(p, v):
                errors.append(f"{path}: flow {fl.get('id')}: bad value {v!r} for {k}")
    bounds = model.get("boundaries", [])
    bound_ids = {b.get("id") for b in bounds}
    has_trust = False
    for b in bounds:
        new_id(b.get("id"), "boundary")
        for key in b:
            if key not in BOUNDARY_KEYS:
                errors.append(f"{path}: boundary {b.get('id')}: unknown key {key!r}")
        for k, v in (b.get("properties") or {}).items():
            p = props.get(k)
            if p is None or "boundary" not in p["applies_to"]:
                errors.append(f"{path}: boundary {b.get('id')}: property {k} does not apply to boundaries")
            elif not check_value(p, v):
                errors.append(f"{path}: boundary {b.get('id')}: bad value {v!r} for {k}")
            elif k == "trust":
                has_trust = True
        for m in b.get("contains", []):
            if m not in comp_ids:
                errors.append(f"{path}: boundary {b['id']} contains unknown {m}")
        if b.get("parent") is not None and b["parent"] not in bound_ids:
            errors.append(f"{path}: boundary {b['id']}: unknown parent {b['parent']}")
    if not has_trust:
        errors.append(f"{path}: no boundary states a trust")
    # An element directly in two sibling boundaries is a modelling slip.
    seen = {}
    for b in bounds:
        for m in b.get("contains", []):
            if m in seen:
                errors.append(f"{path}: {m} is in both {seen[m]} and {b['id']}")
            seen[m] = b["id"]
    return model, ids, len(comps), len(model.get("flows", []))


def check_expect(path, name, ids, threats, errors):
    doc = load_toml(path)
    if doc.get("scenario") != name:
        errors.append(f"{path}: scenario is {doc.get('scenario')!r}, expected {name!r}")
    if not doc.get("summary"):
        errors.append(f"{path}: no summary")
    seen = set()
    for section in ("expect", "false_positive"):
        for e in doc.get(section, []):
            t, target = e.get("threat"), e.get("target")
            where = f"{path}: [{section}] {t} @ {target}"
            if t not in threats:
                errors.append(f"{where}: unknown threat")
            if not e.get("why"):
                errors.append(f"{where}: no why")
            if target != "*" or section == "expect":
                if target not in ids:
                    errors.append(f"{where}: target not in the model")
            if "entry" in e and e["entry"] not in ids:
                errors.append(f"{where}: entry {e['entry']} not in the model")
            if section == "expect":
                layer = e.get("layer")
                if layer not in LAYERS:
                    errors.append(f"{where}: bad layer {layer}")
                elif t in threats and layer not in threats[t]:
                    errors.append(f"{where}: layer {layer} is not a home layer of {t} {threats[t]}")
            key = (t, target)
            if key in seen:
                errors.append(f"{where}: listed twice")
            seen.add(key)
    return len(doc.get("expect", [])), len(doc.get("false_positive", []))


def main():
    props, kinds, threats = load_catalog()
    errors = []
    rows = []
    for model_path in sorted(glob.glob(os.path.join(HERE, "*.yaml"))):
        name = os.path.basename(model_path)[: -len(".yaml")]
        _, ids, nc, nf = check_model(model_path, props, kinds, errors)
        exp = os.path.join(HERE, name + ".expect.toml")
        if not os.path.exists(exp):
            errors.append(f"{model_path}: no {name}.expect.toml")
            continue
        ne, nfp = check_expect(exp, name, ids, threats, errors)
        rows.append((name, nc, nf, ne, nfp))
    for exp in glob.glob(os.path.join(HERE, "*.expect.toml")):
        if not os.path.exists(exp[: -len(".expect.toml")] + ".yaml"):
            errors.append(f"{exp}: no model")
    print(f"{'scenario':38} comps flows expect false_pos")
    for r in rows:
        print(f"{r[0]:38} {r[1]:5} {r[2]:5} {r[3]:6} {r[4]:9}")
    for e in errors:
        print("ERROR", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
