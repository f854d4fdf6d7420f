"""The composition root: the `dialogstod` command wires the product (`assistant`), its API
(`api`) and its evaluation (`evals`) together; nothing below imports it."""
