//! The command line of generated clients: the operation tables generated code fills in
//! ([`OperationInfo`], [`FlagInfo`]), the one non-generic [`call`] that builds a request from a
//! table row and flags and sends it, and (feature `cli`) the whole `call` command a generated
//! crate's binary and `cpaas call` run ([`main`], [`run_call`]).

mod args;
mod call;
#[cfg(feature = "cli")]
mod run;
#[cfg(feature = "cli")]
mod show;
mod suggest;
mod value;
#[cfg(feature = "cli")]
mod walk;

pub use self::args::Args;
pub use self::call::call;
#[cfg(feature = "cli")]
pub use self::run::{
    CredentialsFn, Program, env_credentials, init_verbose_tracing, main, run_call,
};
#[cfg(feature = "cli")]
pub use self::show::{Failure, Style, describe_error, pretty};
pub use self::suggest::closest;
pub use self::value::{flag_value, parse_file};
pub use crate::dispatch::{
    ApiEntry, AuthInfo, BodyInfo, BodyKind, CallResult, FlagInfo, FlagKind, MockResponse,
    OperationInfo, Output, ResponseInfo,
};
