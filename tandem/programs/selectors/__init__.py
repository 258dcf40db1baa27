"""Reads for program pages, one selector per page: `programs` (the program page, joining, an
invitation link, the managers' pages), `participants` (the participants list), `mine` ("My
programs" and the home page's rows), `matches` (a published match for its two people)."""
