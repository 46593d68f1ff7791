"""风险提示函 (risk notices from head office), Qt-free.

- ``notice``  the file compliance writes → a KB card of kind ``notice`` (checked like any card)
- ``reads``   read receipts and acknowledgements on the branch PC, synced as ``notice_ack`` records
"""
