"""full-text search over entries

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 02:50:00

SQLite: an FTS5 table ``entries_search`` (rowid = entry id; title, body). PostgreSQL:
a table ``entry_search`` (entry id, weighted tsvector) with a GIN index. Triggers keep
both in step with the entries and their article text, whoever writes them (the
daemon, a user's ``sqlite3``); the body is the article's text once extracted, else
the feed's text. Existing entries are indexed here.

These objects are not in models.py (SQLAlchemy has no FTS5 or tsvector model);
models.SEARCH_OBJECTS keeps them out of the schema comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The body an entry is searched by: the article's text, else the feed's.
_SQLITE_BODY = (
    "coalesce((SELECT nullif(a.text, '') FROM articles a WHERE a.entry_id = new.id), "
    "new.content_text, '')"
)

SQLITE = [
    # porter: "attacks" finds "attack"; remove_diacritics: "Karachi" finds "Karāchi".
    "CREATE VIRTUAL TABLE entries_search USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_search (rowid, title, body)
        VALUES (new.id, coalesce(new.title, ''), {_SQLITE_BODY});
    END""",
    f"""CREATE TRIGGER entries_search_update AFTER UPDATE OF title, content_text ON entries
    BEGIN
        DELETE FROM entries_search WHERE rowid = old.id;
        INSERT INTO entries_search (rowid, title, body)
        VALUES (new.id, coalesce(new.title, ''), {_SQLITE_BODY});
    END""",
    """CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN
        DELETE FROM entries_search WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER articles_search_insert AFTER INSERT ON articles
    WHEN coalesce(new.text, '') != '' BEGIN
        UPDATE entries_search SET body = new.text WHERE rowid = new.entry_id;
    END""",
    """CREATE TRIGGER articles_search_update AFTER UPDATE OF text ON articles BEGIN
        UPDATE entries_search
        SET body = coalesce(nullif(new.text, ''),
                            (SELECT content_text FROM entries WHERE id = new.entry_id), '')
        WHERE rowid = new.entry_id;
    END""",
    """INSERT INTO entries_search (rowid, title, body)
    SELECT e.id, coalesce(e.title, ''), coalesce(nullif(a.text, ''), e.content_text, '')
    FROM entries e LEFT JOIN articles a ON a.entry_id = e.id""",
]

SQLITE_DOWN = [
    "DROP TRIGGER articles_search_update",
    "DROP TRIGGER articles_search_insert",
    "DROP TRIGGER entries_search_delete",
    "DROP TRIGGER entries_search_update",
    "DROP TRIGGER entries_search_insert",
    "DROP TABLE entries_search",
]

POSTGRESQL = [
    """CREATE TABLE entry_search (
        entry_id integer PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
        document tsvector NOT NULL
    )""",
    "CREATE INDEX ix_entry_search_document ON entry_search USING gin (document)",
    # Title weighs more than body (A, B). A tsvector holds at most 1 MB: the body is
    # cut well below that, so an enormous page cannot make an insert fail.
    """CREATE FUNCTION entry_search_document(title text, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
            || setweight(to_tsvector('english', left(coalesce(body, ''), 200000)), 'B')
    $$""",
    """CREATE FUNCTION entries_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO entry_search (entry_id, document)
        VALUES (NEW.id, entry_search_document(NEW.title, coalesce(
            (SELECT nullif(a.text, '') FROM articles a WHERE a.entry_id = NEW.id),
            NEW.content_text)))
        ON CONFLICT (entry_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER entries_search_sync AFTER INSERT OR UPDATE OF title, content_text
    ON entries FOR EACH ROW EXECUTE FUNCTION entries_search_sync()""",
    """CREATE FUNCTION articles_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE entry_search s
        SET document = entry_search_document(e.title,
                                             coalesce(nullif(NEW.text, ''), e.content_text))
        FROM entries e
        WHERE e.id = NEW.entry_id AND s.entry_id = NEW.entry_id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER articles_search_sync AFTER INSERT OR UPDATE OF text
    ON articles FOR EACH ROW EXECUTE FUNCTION articles_search_sync()""",
    """INSERT INTO entry_search (entry_id, document)
    SELECT e.id, entry_search_document(e.title, coalesce(nullif(a.text, ''), e.content_text))
    FROM entries e LEFT JOIN articles a ON a.entry_id = e.id""",
]

POSTGRESQL_DOWN = [
    "DROP TRIGGER articles_search_sync ON articles",
    "DROP FUNCTION articles_search_sync()",
    "DROP TRIGGER entries_search_sync ON entries",
    "DROP FUNCTION entries_search_sync()",
    "DROP TABLE entry_search",
    "DROP FUNCTION entry_search_document(text, text)",
]


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL if postgres else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL_DOWN if postgres else SQLITE_DOWN:
        op.execute(statement)
