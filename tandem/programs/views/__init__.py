"""Program pages, one module per concept: `programs` (what managers run: the list, create,
settings, questions, managers), `participants` (the list, applications, invitations),
`enrollment` (the program page, joining, the invitation link, leaving), `matches` (a published
match for its two people), `mine` ("My programs"); matching rounds and imports have their own
modules."""
