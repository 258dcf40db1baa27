"""Django's PostgreSQL backend as Tandem runs it: with server-side binding (values sent apart
from the SQL, so psycopg prepares a query once per connection and PostgreSQL plans it once),
and with what that takes at scale. PostgreSQL's protocol carries at most 65,535 values in one
statement; Django's backend sends every value of a `bulk_create` or `bulk_update` in one
statement. Here they go in batches under that cap. (An `in` list of ids is one array value:
tandem/core/lookups.py.)"""
