"""Text helpers that reading, indexing and answering share: sentences and a passage's search text.

They sit below every stage, so that no stage reaches into another one for them.
"""
