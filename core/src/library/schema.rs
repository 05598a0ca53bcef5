//! The library's schema, as migrations applied in order.

use rusqlite_migration::{Migrations, M};

/// Every migration, oldest first. Never edit one that has shipped: add a new one.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(
        "CREATE TABLE lectures (
            id         INTEGER PRIMARY KEY,
            title      TEXT NOT NULL,
            body       TEXT NOT NULL,
            source     TEXT,
            date       TEXT,
            category   TEXT,
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );",
    )])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
