"""The few statements ingest writes by hand, because the ORM's per-row and per-query cost was most of filing
time: chunked ``IN`` look-ups and a multi-row ``INSERT`` for new items."""

from django.db import connection

from .models import WireItem

CHUNK = 500


def chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


_AS_IS = {
    "CharField", "TextField", "ForeignKey", "BigIntegerField", "IntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "BooleanField",
}  # fmt: skip


def insert_items(items: list[WireItem]) -> None:
    """``bulk_create`` for new items without its per-value cost (most of filing time in a profile):
    the same multi-row ``INSERT … RETURNING id`` in the same batch sizes, each value prepared only when its
    field's type needs it (dates, JSON, bytes)."""
    if not items:
        return
    fields = [f for f in WireItem._meta.concrete_fields if not f.primary_key]
    prepare = [(f.attname, None if f.get_internal_type() in _AS_IS else f.get_db_prep_save) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    row = f"({', '.join(['%s'] * len(fields))})"
    size = connection.ops.bulk_batch_size(fields, items)
    with connection.cursor() as cursor:
        for start in range(0, len(items), size):
            batch = items[start : start + size]
            params = [
                value if prep is None else prep(value, connection)
                for item in batch
                for attname, prep in prepare
                for value in (getattr(item, attname),)
            ]
            cursor.execute(
                f"INSERT INTO {table(WireItem)} ({columns}) VALUES {', '.join([row] * len(batch))} RETURNING id",
                params,
            )
            for item, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                item.pk = pk
                item._state.adding, item._state.db = False, connection.alias


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def select_in(model, columns: str, column: str, values) -> list[tuple]:
    """``SELECT columns FROM model WHERE column IN values`` in chunks, without the ORM's per-query cost
    (the hot look-ups of ingest run once or twice per payload)."""
    rows = []
    with connection.cursor() as cursor:
        for chunk in chunks(values):
            cursor.execute(
                f"SELECT {columns} FROM {table(model)} WHERE {column} IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            rows += cursor.fetchall()
    return rows
