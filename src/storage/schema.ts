// A schema module: the tables one part of the product owns, and the ordered
// migrations that create and change them. Each module is versioned on its own
// (meta key `schema_version:<name>`), so categories add tables independently.
export interface SchemaModule {
  name: string;
  /** Applied in order, each once; a step may hold several statements separated by `;`. */
  migrations: readonly string[];
  /** Tables holding state; the control plane's reset empties them. */
  tables: readonly string[];
}
