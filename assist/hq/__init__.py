"""The reference head-office receiver (optional extra ``hq``: Starlette, uvicorn, psycopg).

- ``app``     Starlette app for protocol /v1 (``create_app``; docs/protocol/openapi.yaml)
- ``store``   devices, idempotent record upserts, status updates, KB packs
- ``db``      SQLite / PostgreSQL connections (``?`` placeholders, a connection pool)
- ``schema``  migrations for both databases
- ``cli``     ``assist-hq`` admin commands (``main``)
"""
