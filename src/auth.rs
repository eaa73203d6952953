//! Provider auth glue: credentials from explicit values or the providers' usual environment
//! variables, each a [`Credentials`] value that a client builder takes in one call
//! (`Client::builder().credentials(TwilioCredentials::auth_token(sid, token))`). Secrets are
//! held in [`Secret`], whose `Debug` and `Display` print a redaction.

use cpaas_runtime::{ApiInfo, Auth, ClientBuilder, ConfigError, Credentials, Secret, env_var};

/// Twilio credentials: the Account SID with its Auth Token, or with an API key and secret.
#[derive(Clone, Debug)]
pub enum TwilioCredentials {
    /// Account SID (`AC…`) and Auth Token.
    AuthToken {
        /// The Account SID; also fills `{AccountSid}` path parameters.
        account_sid: String,
        /// The Auth Token.
        auth_token: Secret,
    },
    /// An API key (`SK…`) and its secret, acting for an account.
    ApiKey {
        /// The Account SID; also fills `{AccountSid}` path parameters.
        account_sid: String,
        /// The API key SID.
        api_key: String,
        /// The API key secret.
        api_secret: Secret,
    },
}

impl TwilioCredentials {
    /// The Account SID (`AC…`) with its Auth Token.
    pub fn auth_token(account_sid: impl Into<String>, auth_token: impl Into<Secret>) -> Self {
        TwilioCredentials::AuthToken {
            account_sid: account_sid.into(),
            auth_token: auth_token.into(),
        }
    }

    /// An API key (`SK…`) and its secret, acting for the account `account_sid` (`AC…`).
    pub fn api_key(
        account_sid: impl Into<String>,
        api_key: impl Into<String>,
        api_secret: impl Into<Secret>,
    ) -> Self {
        TwilioCredentials::ApiKey {
            account_sid: account_sid.into(),
            api_key: api_key.into(),
            api_secret: api_secret.into(),
        }
    }

    /// Reads `TWILIO_ACCOUNT_SID` and either `TWILIO_API_KEY` + `TWILIO_API_SECRET` (preferred
    /// when both are set) or `TWILIO_AUTH_TOKEN`.
    pub fn from_env() -> Result<Self, ConfigError> {
        let account_sid = env_var("TWILIO_ACCOUNT_SID", "the Twilio Account SID (AC…)")?;
        let key = std::env::var("TWILIO_API_KEY")
            .ok()
            .filter(|v| !v.trim().is_empty());
        let secret = std::env::var("TWILIO_API_SECRET")
            .ok()
            .filter(|v| !v.trim().is_empty());
        if let (Some(api_key), Some(api_secret)) = (key, secret) {
            return Ok(TwilioCredentials::ApiKey {
                account_sid,
                api_key: api_key.trim().to_string(),
                api_secret: Secret::new(api_secret.trim()),
            });
        }
        let auth_token = env_var(
            "TWILIO_AUTH_TOKEN",
            "the Twilio Auth Token (or set TWILIO_API_KEY and TWILIO_API_SECRET)",
        )?;
        Ok(TwilioCredentials::AuthToken {
            account_sid,
            auth_token: Secret::new(auth_token),
        })
    }

    /// The Account SID these credentials act for.
    pub fn account_sid(&self) -> &str {
        match self {
            TwilioCredentials::AuthToken { account_sid, .. }
            | TwilioCredentials::ApiKey { account_sid, .. } => account_sid,
        }
    }
}

impl Credentials for TwilioCredentials {
    /// Sets HTTP basic auth and the `AccountSid` path default.
    fn configure(&self, builder: ClientBuilder) -> ClientBuilder {
        let auth = match self {
            TwilioCredentials::AuthToken {
                account_sid,
                auth_token,
            } => Auth::Basic {
                username: account_sid.clone(),
                password: auth_token.clone(),
            },
            TwilioCredentials::ApiKey {
                api_key,
                api_secret,
                ..
            } => Auth::Basic {
                username: api_key.clone(),
                password: api_secret.clone(),
            },
        };
        builder
            .auth(auth)
            .path_default("AccountSid", self.account_sid())
    }
}

/// SignalWire credentials: project id, API token and (optionally) the space name.
#[derive(Clone, Debug)]
pub struct SignalWireCredentials {
    /// The project id (basic-auth user; also fills `{AccountSid}` path parameters).
    pub project_id: String,
    /// The API token (basic-auth password).
    pub api_token: Secret,
    /// The space, `example` for `example.signalwire.com`.
    pub space: Option<String>,
}

impl SignalWireCredentials {
    /// The project id and API token, with no space: the space then comes from
    /// `SIGNALWIRE_SPACE` or [`space`](Self::space).
    pub fn new(project_id: impl Into<String>, api_token: impl Into<Secret>) -> Self {
        SignalWireCredentials {
            project_id: project_id.into(),
            api_token: api_token.into(),
            space: None,
        }
    }

    /// The space these credentials belong to (`example` for `example.signalwire.com`).
    pub fn space(mut self, space: impl Into<String>) -> Self {
        self.space = Some(space.into());
        self
    }

    /// Reads `SIGNALWIRE_PROJECT_ID`, `SIGNALWIRE_API_TOKEN` and, if set, `SIGNALWIRE_SPACE`.
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(SignalWireCredentials {
            project_id: env_var("SIGNALWIRE_PROJECT_ID", "the SignalWire project id")?,
            api_token: Secret::new(env_var("SIGNALWIRE_API_TOKEN", "the SignalWire API token")?),
            space: std::env::var("SIGNALWIRE_SPACE")
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        })
    }
}

impl Credentials for SignalWireCredentials {
    /// Sets HTTP basic auth, the `AccountSid` path default and the `space` server variable.
    fn configure(&self, builder: ClientBuilder) -> ClientBuilder {
        let builder = builder
            .auth(Auth::Basic {
                username: self.project_id.clone(),
                password: self.api_token.clone(),
            })
            .path_default("AccountSid", &self.project_id);
        match &self.space {
            Some(space) => builder.server_variable("space", space),
            None => builder,
        }
    }
}

/// Telnyx credentials: an API key sent as a bearer token.
#[derive(Clone, Debug)]
pub struct TelnyxCredentials {
    /// The API key.
    pub api_key: Secret,
}

impl TelnyxCredentials {
    /// An API key (sent as `Authorization: Bearer …`).
    pub fn new(api_key: impl Into<Secret>) -> Self {
        TelnyxCredentials {
            api_key: api_key.into(),
        }
    }

    /// Reads `TELNYX_API_KEY`.
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(TelnyxCredentials {
            api_key: Secret::new(env_var("TELNYX_API_KEY", "the Telnyx API key")?),
        })
    }
}

impl Credentials for TelnyxCredentials {
    /// Sets bearer auth.
    fn configure(&self, builder: ClientBuilder) -> ClientBuilder {
        builder.auth(Auth::Bearer(self.api_key.clone()))
    }
}

/// Applies the provider's credentials from the environment to `builder`, and
/// `<PROVIDER>_BASE_URL` when set. Every generated `Client::from_env()` calls this.
pub fn configure_from_env(
    builder: ClientBuilder,
    api: &'static ApiInfo,
) -> Result<ClientBuilder, ConfigError> {
    let builder = match api.provider {
        "twilio" => builder.credentials(TwilioCredentials::from_env()?),
        "signalwire" => builder.credentials(SignalWireCredentials::from_env()?),
        "telnyx" => builder.credentials(TelnyxCredentials::from_env()?),
        _ => builder,
    };
    let var = format!("{}_BASE_URL", api.provider.to_ascii_uppercase());
    Ok(match std::env::var(&var) {
        Ok(url) if !url.trim().is_empty() => builder.base_url(url.trim()),
        _ => builder,
    })
}
