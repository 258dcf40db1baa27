"""A person's own data: download all of it as JSON, or delete the account.

It sits at the top with home, because an export reads every app and a deletion tidies every
app's records; the other side of a mentorship keeps its own records, showing "a former member".
"""
