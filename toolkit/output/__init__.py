"""What the user sees of the records: Markdown/.docx/JSON export, terminal tables, and the
HTML views a notebook draws (registered with `toolkit.display`)."""
