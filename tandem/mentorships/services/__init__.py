"""Writes for asks and mentorships, one module per concept: `asks`, `mentorships` (plain moves),
`agreements` (agreements and renewals), `goals` and `feedback`.

Time is passed in (`now`), never read from the clock, so tests and jobs control it. Every write
checks who the actor is, then the lifecycle table and the rules (`rules.py`), inside one
transaction, and refuses with a DomainError that changes nothing.
"""
