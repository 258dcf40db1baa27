"""Reads for asks and mentorships, one module per concept: `asks`, `mentorships` and
`availability` (who matching may suggest to a mentee).

Each page reads through one page selector (`ask_page_for`, `mentorship_page_for`, …) that
returns everything the page shows, with its related rows loaded up front: templates never
query. Anyone who is on neither side of what they ask for gets NotFound (a 404).
"""
