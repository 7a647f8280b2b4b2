//! `argmap schema`: the JSON Schema of `map.toml`, for editors that complete and check TOML keys.

use anyhow::Result;
use clap::Args;

use super::{Global, print};

/// Print the JSON Schema of map.toml (draft-07), read from the same definitions the parser uses
///
/// Editors with TOML support (Taplo, VS Code's Even Better TOML) complete and check a map's keys
/// with it: put `#:schema ./map.schema.json` (or the schema's path) on the map's first line, or
/// associate `map.toml` with it in the editor's settings. The repository keeps the same schema in
/// schema/map.schema.json.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap schema > map.schema.json\n  argmap schema | python3 -m json.tool | less"
)]
pub struct SchemaArgs {}

pub fn run(_args: SchemaArgs, _global: &Global) -> Result<()> {
    print(&argmap::map::schema::map_schema_text())
}
