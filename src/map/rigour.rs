//! The TOML shape of the rigour tables, `[assumption.<id>]` and `[indicator.<id>]`, as `parse` reads them.

use serde::Deserialize;
use toml::Spanned;

type Str = Spanned<String>;

/// `[assumption.<id>]`: what a judgement takes for granted.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawAssumption {
    pub text: Option<Str>,
    pub quote: Option<Str>,
    pub occurrence: Option<Spanned<i64>>,
    #[serde(default)]
    pub supports: Vec<Str>,
    pub confidence: Option<Str>,
    #[serde(default)]
    pub invalidated_by: Vec<Str>,
    pub note: Option<Str>,
}

/// `[indicator.<id>]`: a sign, told by a SPARQL ASK, that would bear on a hypothesis.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RawIndicator {
    pub hypothesis: Option<Str>,
    pub direction: Option<Str>,
    pub expected_by: Option<Str>,
    pub ask: Option<Str>,
    pub text: Option<Str>,
    pub note: Option<Str>,
}
