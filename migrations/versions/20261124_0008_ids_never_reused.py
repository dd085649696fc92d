"""ids never reused (SQLite)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 03:10:00

SQLite gives the id of a deleted row with the highest id to the next row unless the
table is AUTOINCREMENT. Since retention deletes entries and stories, `entries` and
`stories` are rebuilt AUTOINCREMENT here (a story's id is its merged feed item's
id: a reader must never see one twice), the counter starting above every id ever
given (the tombstones remember deleted entries). PostgreSQL's sequences never
reuse: nothing to do there.

The rebuild copies each table (aggregator.store.migrate runs SQLite migrations with
foreign keys off, and checks them before committing). What refers to the tables by
name goes first and comes back after: the story_sources view and the search
triggers (migrations 0005 and 0006, restated here so that this revision stands
alone).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BODY = (
    "coalesce((SELECT nullif(a.text, '') FROM articles a WHERE a.entry_id = new.id), "
    "new.content_text, '')"
)
_TRIGGERS = {
    "entries_search_insert": f"""CREATE TRIGGER entries_search_insert AFTER INSERT ON entries
    BEGIN
        INSERT INTO entries_search (rowid, title, body)
        VALUES (new.id, coalesce(new.title, ''), {_BODY});
    END""",
    "entries_search_update": f"""CREATE TRIGGER entries_search_update
    AFTER UPDATE OF title, content_text ON entries BEGIN
        DELETE FROM entries_search WHERE rowid = old.id;
        INSERT INTO entries_search (rowid, title, body)
        VALUES (new.id, coalesce(new.title, ''), {_BODY});
    END""",
    "entries_search_delete": """CREATE TRIGGER entries_search_delete AFTER DELETE ON entries
    BEGIN
        DELETE FROM entries_search WHERE rowid = old.id;
    END""",
    "articles_search_insert": """CREATE TRIGGER articles_search_insert AFTER INSERT ON articles
    WHEN coalesce(new.text, '') != '' BEGIN
        UPDATE entries_search SET body = new.text WHERE rowid = new.entry_id;
    END""",
    "articles_search_update": """CREATE TRIGGER articles_search_update
    AFTER UPDATE OF text ON articles BEGIN
        UPDATE entries_search
        SET body = coalesce(nullif(new.text, ''),
                            (SELECT content_text FROM entries WHERE id = new.entry_id), '')
        WHERE rowid = new.entry_id;
    END""",
}
_VIEW = """
CREATE VIEW story_sources AS
SELECT s.id AS story_id,
       s.title AS story_title,
       s.sources AS story_sources,
       s.updated AS story_updated,
       e.id AS entry_id,
       (e.id = s.representative_id) AS representative,
       f.url AS feed_url,
       coalesce(f.user_title, f.title) AS feed_title,
       e.title AS title,
       e.url AS url,
       coalesce(e.published, e.first_seen) AS published,
       se.relation AS relation,
       se.signal AS signal,
       se.score AS score
FROM stories s
JOIN story_entries se ON se.story_id = s.id
JOIN entries e ON e.id = se.entry_id
JOIN feeds f ON f.id = e.feed_id
"""


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP VIEW story_sources")
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    for table in ("entries", "stories"):
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
    for statement in _TRIGGERS.values():
        op.execute(statement)
    op.execute(_VIEW)


def upgrade() -> None:
    _rebuild(autoincrement=True)
    if op.get_bind().dialect.name == "sqlite":
        # Above every entry id ever given, the deleted ones included (an empty table
        # has no counter row yet).
        op.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'entries', 0 "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'entries')"
        )
        op.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, "
            "(SELECT coalesce(max(entry_id), 0) FROM tombstones)) WHERE name = 'entries'"
        )


def downgrade() -> None:
    _rebuild(autoincrement=False)
