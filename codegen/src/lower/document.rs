//! One input document: the checks that it is an OpenAPI 3 document, its title, servers and
//! security schemes, and the walk over `paths` that hands each method of each path item to
//! `operation`. The first file of an API decides title and servers; later files only warn
//! when their server differs.

use serde_json::Value;

use super::helpers::{kind_of, line_of, str_of, text_of};
use super::state::{Doc, Input, Lowerer, component_type_names};
use crate::diag::{Diagnostic, pointer_token};
use crate::ir::{AuthKind, SecurityScheme, Server, ServerVariable};

use crate::vocab::HTTP_METHODS as METHODS;

impl Lowerer {
    pub(super) fn document(&mut self, input: &Input) -> Result<(), Diagnostic> {
        let root = &input.recovered.doc;
        let type_names = component_type_names(root);
        let doc = Doc {
            root,
            file: &input.path,
            locations: &input.recovered.locations,
            type_names: &type_names,
        };
        if !root.is_object() {
            return Err(Diagnostic::error(
                "lower.not-a-document",
                "expected an OpenAPI document (a mapping at the root)",
            )
            .at(1, 1)
            .in_file(&input.path));
        }
        if let Some(v) = root.get("swagger") {
            return Err(Diagnostic::error(
                "openapi.swagger2",
                format!("Swagger {v} is not OpenAPI 3; convert it first"),
            )
            .at(1, 1)
            .in_file(&input.path));
        }
        if self.api.title.is_none() {
            self.api.title = root.get("info").and_then(|i| text_of(i, "title"));
        }
        self.servers(&doc);
        self.security_schemes(&doc);
        let paths = match root.get("paths") {
            Some(Value::Object(paths)) => paths,
            None | Some(Value::Null) => return Ok(()),
            Some(other) => {
                return Err(Diagnostic::error(
                    "lower.wrong-type",
                    format!(
                        "`paths` must be a mapping of path templates to path items, found {}",
                        kind_of(other)
                    ),
                )
                .at(line_of(doc.locations, "/paths"), 1)
                .pointer("/paths")
                .in_file(&input.path));
            }
        };
        for (path, item) in paths {
            let item = self.deref_value(&doc, item);
            let Some(item) = item.as_object() else {
                continue;
            };
            for method in METHODS {
                if let Some(op) = item.get(method) {
                    self.operation(&doc, path, method, item, op)?;
                }
            }
        }
        Ok(())
    }

    fn servers(&mut self, doc: &Doc) {
        let Some(list) = doc.root.get("servers").and_then(Value::as_array) else {
            return;
        };
        let servers: Vec<Server> = list
            .iter()
            .filter_map(|s| {
                let url = str_of(s, "url")?.trim_end_matches('/').to_string();
                let variables = s
                    .get("variables")
                    .and_then(Value::as_object)
                    .map(|vars| {
                        vars.iter()
                            .map(|(name, v)| ServerVariable {
                                name: name.clone(),
                                default: if v.get("x-cpaas-required") == Some(&Value::Bool(true)) {
                                    None
                                } else {
                                    v.get("default").map(scalar_string)
                                },
                                allowed: v
                                    .get("enum")
                                    .and_then(Value::as_array)
                                    .map(|a| a.iter().map(scalar_string).collect())
                                    .unwrap_or_default(),
                                description: text_of(v, "description"),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Some(Server {
                    url,
                    description: text_of(s, "description"),
                    variables,
                })
            })
            .collect();
        if self.api.servers.is_empty() {
            self.api.servers = servers;
        } else if let (Some(a), Some(b)) = (self.api.servers.first(), servers.first()) {
            if a.url != b.url {
                let msg = format!(
                    "this file's server `{}` differs from `{}` given by an earlier file of the \
                     same API; the client uses the first (override it with base_url)",
                    b.url, a.url
                );
                self.warn("lower.server-mismatch", doc.file, "/servers/0".into(), msg);
            }
        }
    }

    fn security_schemes(&mut self, doc: &Doc) {
        let Some(schemes) = doc
            .root
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object)
        else {
            return;
        };
        for (name, s) in schemes {
            if self.api.security_schemes.iter().any(|x| &x.name == name) {
                continue;
            }
            let s = self.deref_value(doc, s);
            let ty = str_of(s, "type").unwrap_or("");
            let kind = match ty {
                "http" => match str_of(s, "scheme")
                    .unwrap_or("")
                    .to_ascii_lowercase()
                    .as_str()
                {
                    "basic" => AuthKind::Basic,
                    "bearer" => AuthKind::Bearer,
                    _ => AuthKind::Unknown,
                },
                "apiKey" => AuthKind::ApiKey {
                    location: str_of(s, "in").unwrap_or("header").to_string(),
                    name: str_of(s, "name").unwrap_or("Authorization").to_string(),
                },
                "oauth2" | "openIdConnect" => AuthKind::OAuth2,
                _ => AuthKind::Unknown,
            };
            // A frontend that could not tell the type marks the scheme and has said so already.
            if kind == AuthKind::Unknown && s.get("x-cpaas-scheme-type-unknown").is_none() {
                let msg = format!(
                    "security scheme `{name}` has type `{ty}`{}, which the client cannot apply \
                     itself: it sends only the credentials set with `ClientBuilder::auth`",
                    str_of(s, "scheme").map_or(String::new(), |x| format!(" (scheme `{x}`)"))
                );
                let ptr = format!("/components/securitySchemes/{}", pointer_token(name));
                self.warn("lower.auth-type-unknown", doc.file, ptr, msg);
            }
            self.api.security_schemes.push(SecurityScheme {
                name: name.clone(),
                kind,
                description: text_of(s, "description"),
            });
        }
    }
}

fn scalar_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
