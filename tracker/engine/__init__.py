"""The engine: is a story about a claim, and does it corroborate, contradict or discuss it.

Owns text normalisation (`text`, `numbers`, `dates`), the trilingual news glossary
(`glossary`), match keys and the story as keys (`keys`), a claim as the matcher
reads it (`claims`), relevance (`relevance`),
what a claim asserts (`proposition`), the stance rules and models (`stance`,
`linear`) with their comparison of figures (`figures`), reading of denials
(`denial`) and of hedges and reports (`attribution`), the stance reader of claim and
evidence together (`reader`), the matcher that runs them (`matcher`), syndication
(`syndication`: keys, copies of one report, and which
cluster a new story joins) and a claim's status from its verdicts or its per-cluster
counts (`status`). Pure: no I/O, no clock, no SQLAlchemy,
no network. May import `tracker.types`, `tracker.errors` and the shipped data files
in `tracker.data`; nothing else of the project.
"""
