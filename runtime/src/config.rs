//! Static API descriptions and configuration errors.

use std::fmt;

/// A `{name}` placeholder of an [`ApiInfo::base_url`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerVariable {
    /// The placeholder name, without braces.
    pub name: &'static str,
    /// The value used when neither the builder nor the environment gives one.
    pub default: Option<&'static str>,
    /// The environment variable that fills it (e.g. `SIGNALWIRE_SPACE`).
    pub env: Option<&'static str>,
}

/// What the generator knows about one API: names for traces and the server URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiInfo {
    /// The provider, e.g. `"twilio"`.
    pub provider: &'static str,
    /// The API within the provider, e.g. `"api_v2010"`.
    pub api: &'static str,
    /// The server URL including its path prefix; may hold `{var}` placeholders
    /// (`https://{space}.signalwire.com/api/laml/2010-04-01`).
    pub base_url: &'static str,
    /// The placeholders of `base_url`.
    pub server_variables: &'static [ServerVariable],
}

/// Why a [`Client`](crate::Client) could not be built. `Display` says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// A required environment variable is unset or empty.
    MissingEnv {
        /// The variable.
        var: &'static str,
        /// What it holds (e.g. "the Twilio auth token").
        what: String,
    },
    /// A `{name}` of the base URL has no value.
    MissingServerVariable {
        /// The placeholder.
        name: String,
        /// The environment variable that can fill it.
        env: Option<&'static str>,
    },
    /// The (substituted) base URL is not an absolute `http`/`https` URL.
    InvalidBaseUrl {
        /// The URL, with any user info removed.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The HTTP client or a header could not be set up.
    Http(String),
}

impl ConfigError {
    /// A [`ConfigError::MissingEnv`].
    pub fn missing_env(var: &'static str, what: impl Into<String>) -> Self {
        ConfigError::MissingEnv {
            var,
            what: what.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::MissingEnv { var, what } => {
                write!(
                    f,
                    "{what} is not configured: set the environment variable {var}"
                )
            }
            ConfigError::MissingServerVariable {
                name,
                env: Some(var),
            } => write!(
                f,
                "the server URL needs `{{{name}}}`: set {var} or call .server_variable(\"{name}\", …)"
            ),
            ConfigError::MissingServerVariable { name, env: None } => write!(
                f,
                "the server URL needs `{{{name}}}`: call .server_variable(\"{name}\", …)"
            ),
            ConfigError::InvalidBaseUrl { url, reason } => {
                write!(f, "invalid base URL {url:?}: {reason}")
            }
            ConfigError::Http(m) => write!(f, "HTTP client setup failed: {m}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Reads `var` for the auth glue: trimmed; unset, empty or non-UTF-8 is
/// [`ConfigError::MissingEnv`] (`what` says what the variable holds).
pub fn env_var(var: &'static str, what: &str) -> Result<String, ConfigError> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Ok(v.trim().to_owned()),
        _ => Err(ConfigError::missing_env(var, what)),
    }
}

/// Like [`env_var`] but `None` when unset or empty.
pub(crate) fn env_opt(var: &str) -> Option<String> {
    std::env::var(var)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}
