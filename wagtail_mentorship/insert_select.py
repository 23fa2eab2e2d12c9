"""``INSERT … SELECT``: rows of one table made by the database from the records of a
queryset, in one statement, instead of read into Python and written back one object each.
The bulk imports and exports write thousands of log entries and form links this way."""

from django.db import connections


def insert_selected(model, queryset, values: dict) -> int:
    """Inserts into ``model``'s table one row per record of ``queryset``: ``values`` maps
    each of its fields (by attname) to an expression over the record. Returns the count."""
    aliases = {f"inserted_{attname}": value for attname, value in values.items()}
    select = queryset.order_by().annotate(**aliases).values(*aliases)
    compiler = select.query.get_compiler(using=select.db)
    sql, params = compiler.as_sql()
    # The columns in the order the SELECT gives them, whatever order Django chose.
    selected = [alias.removeprefix("inserted_") for _expression, _sql, alias in compiler.select]
    column_of = {field.attname: field.column for field in model._meta.concrete_fields}
    connection = connections[select.db]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column_of[attname]) for attname in selected)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({columns}) {sql}", params)
        return cursor.rowcount
