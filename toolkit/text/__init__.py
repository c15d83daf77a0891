"""Text below structure: normalization, web chrome and residue, heading marks, unnumbered
headings, token counts, and the numbers a text writes (`numbers/`)."""
