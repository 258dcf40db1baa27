"""Career growth (PRODUCT.md P14, F12): the tools a person works with between meetings.

Each tool is an app of its own under this package (careers, promotion, education, stuck,
journal, tribes), with its own models and migrations; this app holds the hub page that lists
them and `sharing`, the one way a private piece of any of them reaches a mentorship.
Everything a tool holds is private to its owner until they share it.
"""
