"""Readers: every input format ends here as text. Imports nothing of the toolkit but
`toolkit.errors`."""
