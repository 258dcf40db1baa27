"""Writes for programs, one module per concept: `programs` (create, settings, questions),
`enrollment` (join, apply, approve, invite). Matching rounds live in `tandem.programs.rounds`,
participant import in `tandem.programs.imports`.

Time is passed in (`now`). Every write finds its program through `access.py` first, so a
person who may not run it gets NotFound and nothing changes.
"""
