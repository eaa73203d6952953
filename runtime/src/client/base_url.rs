//! The server URL: substituting `{var}` placeholders (builder value, then environment variable,
//! then default) and checking the result, and redacting user info from URLs shown in errors.
//! Contract: a resolved URL is an absolute `http(s)` URL without user info, query, fragment or
//! trailing `/`; an error never shows a password.

use std::collections::HashMap;

use crate::config::{ApiInfo, ConfigError, env_opt};

/// Substitutes `{var}`s (builder value, then environment variable, then default), trims a
/// trailing `/` and checks the URL.
pub(super) fn resolve_base_url(
    template: &str,
    api: &ApiInfo,
    explicit: &HashMap<String, String>,
) -> Result<String, ConfigError> {
    let mut url = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        url.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(ConfigError::InvalidBaseUrl {
                url: redact_userinfo(template),
                reason: "a `{` without its `}`".into(),
            });
        };
        let name = &after[..close];
        let decl = api.server_variables.iter().find(|v| v.name == name);
        let env = decl.and_then(|d| d.env);
        let value = explicit
            .get(name)
            .cloned()
            .or_else(|| env.and_then(env_opt))
            .or_else(|| decl.and_then(|d| d.default).map(str::to_owned))
            .ok_or_else(|| ConfigError::MissingServerVariable {
                name: name.to_owned(),
                env,
            })?;
        url.push_str(&value);
        rest = &after[close + 1..];
    }
    url.push_str(rest);
    while url.ends_with('/') {
        url.pop();
    }

    let invalid = |reason: &str| ConfigError::InvalidBaseUrl {
        url: redact_userinfo(&url),
        reason: reason.to_owned(),
    };
    let parsed = reqwest::Url::parse(&url).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid("there is no host"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(invalid(
            "credentials in the URL are not supported; use .auth(Auth::Basic { .. })",
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("a base URL cannot have a query or fragment"));
    }
    Ok(url)
}

/// Removes `user:password@` from a URL-like string.
pub(super) fn redact_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let authority_start = scheme_end + 3;
    let authority_end = url[authority_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| authority_start + i);
    match url[authority_start..authority_end].rfind('@') {
        Some(at) => format!(
            "{}[redacted]@{}",
            &url[..authority_start],
            &url[authority_start + at + 1..]
        ),
        None => url.to_owned(),
    }
}
