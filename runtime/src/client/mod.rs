//! The client: configuration, sending, retries and tracing.
//!
//! Split by what each part makes: [`builder`] (configuration and defaults), [`base_url`] (the
//! resolved server URL), [`send`] (the [`Client`] and its one non-generic send), [`retry`]
//! (what is retried and how long to wait), [`call`] (the future an operation's `send()`
//! returns) and [`events`] (the stream an operation's `events()` returns).

mod base_url;
mod builder;
mod call;
mod events;
mod retry;
mod send;

pub use builder::{
    ClientBuilder, Credentials, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
};
pub use call::Call;
pub use events::{EventStream, RawEvents};
pub use retry::RetryPolicy;
pub use send::Client;

#[cfg(test)]
mod tests;
