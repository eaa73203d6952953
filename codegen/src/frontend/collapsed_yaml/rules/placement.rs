//! The order in which the open frames that accept a key are tried: the tie-break rules R1
//! (annotations skip a one-keyword sub-schema), R2 (`required` to the schema holding the
//! names), R3 (`servers` at the root), R4 (a referenced component name closes a property map),
//! Rule 5 (an Any mapping ends as soon as an ancestor takes the key), R8 (structural keywords
//! to the property map's owner), R9 (a Response's `description`), R11 (status codes), R12
//! (a component's own `title`), R16 (titles to the schema they spell), R19 (the next
//! `required` list), R21 (data-mapping list items), R25 (scalar examples skip objects and
//! arrays), R27 (the first of two descriptions is the deeper schema's), R28 (`type` where the
//! keywords fit; discriminators), R29 (numbered data keys) and R30 (the property map a
//! property resembles), plus the class-3 preference for properties with mapping values.

use super::super::state::{Frame, Search, State};
use super::super::vocabulary::{
    ANNOTATIONS, STRUCTURAL, TRAILING, Ty, is_response_code, keyword_type,
};

impl Search<'_> {
    /// Orders key candidates (deepest first) by the tie-break rules.
    pub(crate) fn order(&self, st: &State, key: &str, next: usize, cands: &mut Vec<(usize, Ty)>) {
        self.order_rules(st, key, next, cands);
        // R12: `title: NAME` inside component NAME is the component's title.
        if self.fern {
            if let Some(p) = cands
                .iter()
                .position(|&(j, _)| self.title_of_component(st, key, j))
            {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // R31 (ours): a placement the page's evidence rules out comes last.
        cands.sort_by_key(|&(i, _)| self.misfit(st, key, next, i));
    }

    fn order_rules(&self, st: &State, key: &str, next: usize, cands: &mut Vec<(usize, Ty)>) {
        let frames = &st.frames;
        // Rule 5: an Any mapping (or a string map such as a discriminator `mapping`) ends as
        // soon as an ancestor takes the key.
        cands.sort_by_key(|&(i, _)| matches!(frames[i].ty, Ty::AnyMap | Ty::StrMap));
        // R1 generalised: annotations and structural keywords skip a one-keyword sub-schema
        // (`{type: 'null'}` in anyOf, `{$ref}` in allOf, `{not: {}}`) for the schema owning it.
        // A bare `{type: object}` is no such sub-schema for an object keyword: the keyword
        // completes it (`- type: object unevaluatedProperties: {}`).
        if ANNOTATIONS.contains(&key) || STRUCTURAL.contains(&key) {
            let object_kw = keyword_type(key).is_some_and(|t| t.contains(&"object"));
            cands.sort_by_key(|&(i, _)| {
                simple_sub_schema(frames, i)
                    && !(object_kw && frames[i].stype.as_deref() == Some("object"))
            });
        }
        // R27 (ours): a description with another one later in its run of annotations
        // (`description: A title: cond description: B`) is a deeper schema's than the second:
        // the deepest candidates come first, a sub-schema slot included.
        if key == "description" && self.in_annotation_run(next, "description", &["title"]) {
            cands.sort_by_key(|&(i, _)| std::cmp::Reverse(i));
        }
        // Object keywords prefer a schema known to describe an object (`type: object` or
        // `properties`) over one that does not say (an `allOf` wrapper).
        // Size limits (`minProperties`) stay on this side of a property map: a property
        // wrapping a reference (`allOf: [$ref]`) takes them as readily as the map's owner.
        if keyword_type(key).is_some_and(|t| t.contains(&"object")) {
            let deepest = cands.iter().map(|&(i, _)| i).max().unwrap_or(0);
            let sized = matches!(key, "minProperties" | "maxProperties");
            cands.sort_by_key(|&(i, _)| {
                let f = &frames[i];
                let beyond = sized && (i + 1..=deepest).any(|k| frames[k].ty == Ty::PropMap);
                let object = f.ty == Ty::Schema
                    && (f.stype.as_deref() == Some("object")
                        || f.props.is_some()
                        || f.keys.iter().any(|k| k == "properties"));
                (beyond, !object)
            });
        }
        // R9 (ours): a Response requires `description`; one lacking it takes the key before any
        // schema nested in its content.
        if key == "description" {
            if let Some(p) = cands
                .iter()
                .position(|&(j, _)| frames[j].ty == Ty::Response)
            {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // R25 (ours): a scalar example, default or enum value (`examples: - 120`) is no
        // object's or array's: it goes to a schema of another or no declared type.
        if matches!(key, "example" | "examples" | "default" | "const" | "enum") {
            let scalar = self.scalar_ahead(key, next, true);
            if scalar {
                cands.sort_by_key(|&(i, _)| {
                    matches!(frames[i].stype.as_deref(), Some("object" | "array"))
                });
            }
        }
        // R28 (ours): `type: array` goes to a schema holding `items` before one holding no
        // typed keyword, and that before one whose keywords belong to another type (`type`
        // written last, as sorted keys put it, after an array's `items: {oneOf: …}`).
        if key == "type" {
            if let Some(v) = self.plain_ahead(next) {
                cands.sort_by_key(|&(i, _)| type_fit(&frames[i], &v));
            }
        }
        // A discriminator names a property of its schema or tells its `oneOf`/`anyOf`
        // variants apart: it goes to a schema that has the one or the other.
        if key == "discriminator" {
            let named = self
                .keys
                .get(next)
                .cloned()
                .flatten()
                .filter(|(k, _)| k == "propertyName")
                .and_then(|(_, n)| self.plain_ahead(n));
            if let Some(name) = named {
                let fits = |i: usize| {
                    let f = &frames[i];
                    // Its property map closed, or still open just above it.
                    let props = f.props.as_ref().or_else(|| {
                        frames
                            .get(i + 1)
                            .filter(|c| c.ty == Ty::PropMap && c.via == "properties")
                            .map(|c| &c.keys)
                    });
                    props.is_some_and(|p| p.contains(&name))
                        || f.keys
                            .iter()
                            .any(|k| matches!(k.as_str(), "oneOf" | "anyOf"))
                };
                cands.sort_by_key(|&(i, _)| !fits(i));
            }
        }
        // R3: Fern writes `servers` at the root.
        if self.fern && key == "servers" {
            cands.sort_by_key(|&(i, _)| frames[i].ty != Ty::Document);
        }
        // R1: description/title after an `items` schema with type/$ref belong to the array: the
        // array comes before its items wherever both are candidates.
        if matches!(key, "description" | "title") {
            let slot = |i: usize| {
                let f = &frames[i];
                f.ty == Ty::Schema
                    && f.via == "items"
                    && i.checked_sub(1).is_some_and(|p| frames[p].ty == Ty::Schema)
                    && f.keys.iter().any(|k| k == "type" || k == "$ref")
            };
            if let Some(at) = cands.iter().position(|&(i, _)| slot(i)) {
                let i = cands[at].0;
                if let Some(p) = cands.iter().position(|&(j, _)| j + 1 == i) {
                    if p > at {
                        let c = cands.remove(p);
                        cands.insert(at, c);
                    }
                }
            }
        }
        // R8 (ours): a structural schema keyword after a property map belongs to the schema that
        // owns the map when it can take it (properties named so are vanishingly rare; the
        // relaxed reading, flagged, takes them when no strict reading exists).
        if STRUCTURAL.contains(&key) {
            if let Some(p) = cands.iter().position(|&(j, _)| frames[j].ty == Ty::PropMap) {
                let pj = cands[p].0;
                if let Some(q) = cands.iter().position(|&(j, _)| j + 1 == pj) {
                    if self.strict {
                        // Strict: decided (the relaxed reading takes such a property).
                        cands.remove(p);
                    } else if q > p {
                        let c = cands.remove(q);
                        cands.insert(p, c);
                    }
                }
            }
        }
        // R11 (ours): a status-code key (`'401':`) after a response's schema closes the schema
        // for the Responses map (a property named `401` is rare; the other reading is flagged).
        if is_response_code(key) {
            if let Some(p) = cands
                .iter()
                .position(|&(j, _)| frames[j].ty == Ty::Responses)
            {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // R4: a key naming a referenced component closes a property map.
        if self.schema_names.contains(key) {
            if let Some(p) = cands
                .iter()
                .position(|&(j, _)| frames[j].ty == Ty::SchemaMap && frames[j].via == "schemas")
            {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // Class 3: a property named like an Any-valued keyword, with a mapping value.
        if matches!(key, "example" | "default" | "const" | "examples")
            && self.keys.get(next).is_some_and(|k| k.is_some())
        {
            if let Some(p) = cands.iter().position(|&(j, _)| frames[j].ty == Ty::PropMap) {
                let c = cands.remove(p);
                cands.insert(0, c);
            }
        }
        // R16 (ours): a `title` after a property map names its schema. Generators title a
        // property after its own name (`status` → `Status`) and a top-level schema after the
        // type; so a title spelling a candidate's name goes there, and any other title goes to
        // the nearest schema that is not a property (a component or a body/parameter schema).
        if key == "title" {
            if let Some(title) = self.plain_ahead(next) {
                let t = ident_norm(&title);
                let rank = |i: usize| -> u8 {
                    let f = &frames[i];
                    if f.ty != Ty::Schema {
                        return 5;
                    }
                    let pf = i.checked_sub(1).and_then(|p| frames.get(p));
                    let parent = pf.map(|p| p.ty);
                    let in_list = pf.is_some_and(|p| p.seq);
                    let via = ident_norm(&f.via);
                    // `Page[Size]` for `size`: a title ending in the property's name (a
                    // deepObject parameter's generated titles).
                    let exact = !t.is_empty() && via == t;
                    let suffix =
                        !t.is_empty() && via.len() >= 3 && t.ends_with(&via) && f.via != "items";
                    // In a page in its source's order (R10 off) the keys of one schema are
                    // written together: a title right after the open schema's description is
                    // that schema's. (Fern's order puts a component's title after its last
                    // property's description.)
                    let contiguous = !self.fern_order
                        && i + 1 == frames.len()
                        && f.keys.last().is_some_and(|k| k == "description");
                    // An exact spelling beats a suffix (`Call Control Command Result` names
                    // `CallControlCommandResult`, not its property `result`).
                    if exact && !in_list {
                        0
                    } else if suffix && !in_list {
                        1
                    } else if contiguous {
                        2
                    } else if matches!(parent, Some(Ty::SchemaMap) | Some(Ty::MediaType))
                        || (parent == Some(Ty::Parameter) && f.via == "schema")
                    {
                        3
                    } else {
                        4
                    }
                };
                cands.sort_by_key(|&(i, _)| rank(i));
                // Sorted keywords write `title` just before `type`: where the page sorts
                // them, the title goes with the schema the `type` after it fits (R28).
                if self.sorted_schemas {
                    if let Some((k, n)) = self.keys_from(next).next() {
                        if let Some(v) = (k == "type").then(|| self.plain_ahead(n)).flatten() {
                            cands.sort_by_key(|&(i, _)| type_fit(&frames[i], &v));
                        }
                    }
                }
            }
        }
        // R19 (ours): a property after a nested object goes to the property map that holds
        // most of the other names of the next `required` list, when that list names it (a
        // schema's `required` follows its properties, and lists them by name; a later list
        // naming it is another schema's).
        if cands
            .iter()
            .filter(|&&(i, _)| frames[i].ty == Ty::PropMap)
            .count()
            > 1
        {
            if let Some((_, names)) = self
                .required_lists
                .iter()
                .find(|(p, _)| *p > st.pos)
                .filter(|(_, names)| names.iter().any(|n| n == key))
            {
                let held = |i: usize| -> usize {
                    let f = &frames[i];
                    if f.ty != Ty::PropMap {
                        return 0;
                    }
                    names
                        .iter()
                        .filter(|n| n.as_str() != key && f.keys.contains(n))
                        .count()
                };
                cands.sort_by_key(|&(i, _)| std::cmp::Reverse(held(i)));
            }
        }
        // R21 (ours): in a list of data mappings (an example's `- name: sms - name: voice`), a
        // key the previous item lacks, while this item so far repeats that item's keys, ends
        // the list for an enclosing mapping that takes it. Flagged: the pair stays undecided.
        if let Some(&(i, _)) = cands.first() {
            let f = &frames[i];
            let prev = i
                .checked_sub(1)
                .and_then(|p| frames.get(p))
                .filter(|p| p.seq && f.ty == Ty::AnyMap)
                .and_then(|p| p.props.as_ref());
            if let Some(prev) = prev {
                if !prev.iter().any(|k| k == key)
                    && !f.keys.is_empty()
                    && f.keys.iter().all(|k| prev.contains(k))
                    && cands.iter().any(|&(j, _)| j + 1 < i)
                {
                    cands.sort_by_key(|&(j, _)| j == i);
                }
            }
        }
        // R22 (ours): a description after a bare `$ref` schema is its owner's: the object's
        // whose last property it is (`meta: $ref: … description: Paginated list of voices.`),
        // or the body's, response's or parameter's (`content: …: schema: $ref: …
        // description:`). Sources rarely describe a reference beside it (the three corpus
        // specs: 46 object descriptions to 1 reference one). Annotations before the
        // description in the same run follow it. The pair stays flagged.
        if TRAILING.contains(&key) && !self.keys.get(next).is_some_and(|k| k.is_some()) {
            self.trailing_owner(st, key, next, cands);
        }
        // R29 (ours): in data, a key spelled like the key that opened the deepest open mapping
        // but for its last character (`channel2` after `channel1: {read, write}`) is that key's
        // sibling: the mapping holding both takes it.
        if let Some(first) = cands.iter().position(|&(i, _)| frames[i].ty == Ty::AnyMap) {
            let i = cands[first].0;
            let parent = i
                .checked_sub(1)
                .filter(|&p| frames[p].ty == Ty::AnyMap && !frames[p].seq);
            if let Some(p) = parent.filter(|_| numbered_sibling(&frames[i].via, key)) {
                if let Some(at) = cands.iter().position(|&(j, _)| j == p) {
                    let c = cands.remove(at);
                    cands.insert(first, c);
                }
            }
        }
        // R30 (ours): a property after a nested object joins the property map whose members
        // it resembles: where every member of one map has a description and every member of
        // the other has none, a property with (or without) one goes to the map alike.
        let mut maps: Vec<usize> = cands
            .iter()
            .map(|&(i, _)| i)
            .filter(|&i| frames[i].ty == Ty::PropMap)
            .collect();
        maps.sort_by_key(|&i| std::cmp::Reverse(i));
        if maps.len() >= 2 && self.keys.get(next).is_some_and(|k| k.is_some()) {
            if let Some(has) = self.described_ahead(next) {
                let alike = |i: usize| match frames[i].described {
                    [w, 0] if w > 0 => Some(has),
                    [0, w] if w > 0 => Some(!has),
                    _ => None,
                };
                let (inner, outer) = (maps[0], maps[1]);
                if alike(inner) == Some(false) && alike(outer) == Some(true) {
                    if let (Some(a), Some(b)) = (
                        cands.iter().position(|&(j, _)| j == inner),
                        cands.iter().position(|&(j, _)| j == outer),
                    ) {
                        if b > a {
                            let c = cands.remove(b);
                            cands.insert(a, c);
                        }
                    }
                }
            }
        }
        // R2: `required: [names]` goes to the nearest schema whose properties hold all names.
        if key == "required" {
            let names = self.list_ahead(next);
            if !names.is_empty() {
                let holds = |i: usize| -> Option<bool> {
                    let f = &frames[i];
                    if f.ty != Ty::Schema {
                        return None;
                    }
                    let props: Option<&Vec<String>> = f.props.as_ref().or_else(|| {
                        frames
                            .get(i + 1)
                            .filter(|c| c.ty == Ty::PropMap && c.via == "properties")
                            .map(|c| &c.keys)
                    });
                    props.map(|p| names.iter().all(|n| p.contains(n)))
                };
                if self.strict {
                    cands.retain(|&(i, _)| holds(i) != Some(false));
                }
                cands.sort_by_key(|&(i, _)| match holds(i) {
                    Some(true) => 0,
                    None => 1,
                    Some(false) => 2,
                });
            }
        }
    }
}

/// A small schema (no properties, no description) in a sub-schema slot (items, not, allOf item…).
fn simple_sub_schema(frames: &[Frame], i: usize) -> bool {
    let Some(f) = frames.get(i) else {
        return false;
    };
    if f.ty != Ty::Schema
        || f.keys.len() > 3
        || f.keys
            .iter()
            .any(|k| k == "properties" || k == "description")
    {
        return false;
    }
    const SLOTS: [&str; 10] = [
        "items",
        "not",
        "additionalProperties",
        "unevaluatedProperties",
        "unevaluatedItems",
        "propertyNames",
        "contains",
        "if",
        "then",
        "else",
    ];
    let Some(parent) = i.checked_sub(1).and_then(|p| frames.get(p)) else {
        return false;
    };
    // A slot is a keyword of the parent schema, not a property named so (`items:` in a
    // property map).
    (parent.ty == Ty::Schema && !parent.seq && SLOTS.contains(&f.via.as_str()))
        || (parent.seq
            && matches!(
                parent.via.as_str(),
                "allOf" | "anyOf" | "oneOf" | "prefixItems"
            ))
}

/// `s` lower-cased with everything but letters and digits removed (`Phone Number` and
/// `phone_number` agree).
pub(super) fn ident_norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How well `type: v` fits schema frame `f` (R28): 0 when its keywords are of type `v`, 1 when
/// it holds no typed keyword, 2 when its keywords are of another type.
fn type_fit(f: &Frame, v: &str) -> u8 {
    let typed: Vec<&[&str]> = f.keys.iter().filter_map(|k| keyword_type(k)).collect();
    if typed.iter().any(|t| t.contains(&v)) {
        0
    } else if typed.is_empty() {
        1
    } else {
        2
    }
}

/// Whether data keys `a` and `b` differ only in their last character (`channel1`, `channel2`;
/// `channela`, `channelb`), as numbered siblings do (R29).
fn numbered_sibling(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.chars(), b.chars());
    let (Some(la), Some(lb)) = (x.next_back(), y.next_back()) else {
        return false;
    };
    let stem = x.as_str();
    stem.chars().count() >= 3 && stem == y.as_str() && la != lb && la.is_alphanumeric()
}
