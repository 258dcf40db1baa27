"""A mentorship's health (F9, P12): the pure rules that judge it (`rules`) and the bulk reads
that gather its facts for one mentorship or all of them (`selectors`). The nudges read the same
facts with the same rules, so what a nudge says and what the page shows agree."""
