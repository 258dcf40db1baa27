"""The calendar: every meeting with an agreed time as one RFC 5545 event (`ics`), the invites
emailed to both sides (`invites`, sent by a job in `tasks`), and each person's private,
revocable feed (`selectors`, `services`, `views`, `urls` under the `calendar` namespace)."""
