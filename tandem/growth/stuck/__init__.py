"""Am I stuck? (issue 15): private to its owner unless shared into a mentorship."""
