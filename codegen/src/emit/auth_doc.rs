//! The `Authentication:` paragraph of an operation's documentation: which credentials the
//! operation takes when its source lists **alternatives** (basic *or* bearer) or schemes it
//! needs together, and which `cpaas_runtime::Auth` value sends each. The client sends the one
//! credential configured with `ClientBuilder::auth` / `.credentials(…)`, so the caller chooses
//! among the alternatives; nothing here changes what is sent.
//!
//! Contract: an empty string for an operation with at most one alternative of one scheme (its
//! docs need nothing more; unknown types are documented by [`super::client`]).

use crate::ir::{Api, AuthKind, Operation};

/// The paragraph for `op`, or an empty string (see the module docs).
pub(super) fn auth_paragraph(api: &Api, op: &Operation) -> String {
    let single = op.security.len() == 1 && op.security[0].len() <= 1;
    if op.security.is_empty() || single {
        return String::new();
    }
    let alternatives: Vec<String> = op
        .security
        .iter()
        .map(|alt| {
            if alt.is_empty() {
                "no credentials".to_string()
            } else {
                alt.iter()
                    .map(|name| scheme_text(api, name))
                    .collect::<Vec<_>>()
                    .join(" together with ")
            }
        })
        .collect();
    let mut out = if alternatives.len() == 1 {
        format!("\nAuthentication: {}.", alternatives[0])
    } else {
        format!(
            "\nAuthentication, any one of: {}. The client sends the credentials set with \
             `ClientBuilder::auth` (or `.credentials(…)`): choose the alternative you hold.",
            alternatives.join("; ")
        )
    };
    if op.security.iter().any(|alt| alt.len() > 1) {
        out.push_str(
            " A client sends one credential of its own: for an alternative that needs several \
             together, give the others as default headers of a `reqwest::Client` \
             (`ClientBuilder::http_client`).",
        );
    }
    out.push('\n');
    out
}

/// `` `basic` (HTTP basic: `Auth::Basic`) `` for a scheme name.
fn scheme_text(api: &Api, name: &str) -> String {
    let kind = api
        .security_schemes
        .iter()
        .find(|s| s.name == name)
        .map(|s| &s.kind);
    let how = match kind {
        Some(AuthKind::Basic) => "HTTP basic: `Auth::Basic`".to_string(),
        Some(AuthKind::Bearer) => "HTTP bearer: `Auth::Bearer`".to_string(),
        Some(AuthKind::OAuth2) => "OAuth 2 access token: `Auth::Bearer`".to_string(),
        Some(AuthKind::ApiKey { location, name }) if location == "header" => {
            format!("API key in header `{name}`: `Auth::ApiKeyHeader`")
        }
        Some(AuthKind::ApiKey { location, name }) if location == "query" => {
            format!("API key in query parameter `{name}`: `Auth::ApiKeyQuery`")
        }
        Some(AuthKind::ApiKey { location, name }) if location == "cookie" => {
            format!("API key in cookie `{name}`: `Auth::ApiKeyCookie`")
        }
        Some(AuthKind::ApiKey { location, name }) => {
            format!("API key in {location} `{name}`: set as that parameter")
        }
        Some(AuthKind::Unknown) | None => "type not stated".to_string(),
    };
    format!("`{name}` ({how})")
}
