"""The only package that imports PySide6. Views are layout-only; controllers wire signals."""
