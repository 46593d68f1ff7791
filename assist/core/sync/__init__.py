"""Sync to head office (Qt-free; run rounds off the GUI thread).

- ``protocol``   the /v1 wire format shared with the receiver (docs/protocol/openapi.yaml)
- ``transport``  httpx over verified TLS (CA bundle, proxy, timeouts) → ``SyncError``
- ``backoff``    exponential backoff with full jitter, Retry-After as a floor
- ``local``      outbox batches, acknowledgements, conflicts (DB-lane functions)
- ``pull``       HQ status changes (through complaints.repo) and signed KB packs
- ``client``     ``SyncClient.run_round()``: push, then pull
- ``status``     ``read_status(db) -> SyncStatus`` for the panel and CLI
- ``service``    ``SyncService.from_settings(...)``, device token in the keyring
- ``migrations`` tables ``sync_state`` and ``sync_conflicts``

Importing this package must stay cheap: ``assist.core.storage.db`` imports
``assist.core.sync.migrations`` for every database.
"""
