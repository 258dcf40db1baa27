"""Participant import from an HR export (issue 11): a CSV of people becomes accounts, profiles
and places in one program, all rows or none.

One module per step, each importing only from those below it:

* `views.py`, `forms.py`: the upload form, the preview and the confirmation (managers only);
* `commit.py`: writing a plan in one transaction, then enqueueing the invitations (`tasks.py`);
* `invitations.py`: the set-your-password emails to people new to Tandem;
* `plan.py`: what each row would create, update or leave alone, against the database in a
  few bulk queries;
* `rows.py`: each row checked and turned into a plain `Row`, every problem with its line and
  column; `vocabulary.py`: the languages, skills, timezones and intake questions it checks
  against, loaded once;
* `parse.py`: bytes to text to a table (encoding, delimiter, headers, line numbers);
* `problems.py`: the problem record and the import's domain error.

The `tandem programs import` command (`programs/commands/importing.py`) runs the same plan and
commit.
"""
