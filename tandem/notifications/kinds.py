"""What Tandem tells people about: one kind per event, each with its own delivery preference.

The labels are shown on the preferences page, so they describe the event from the reader's
side, in plain words.
"""

from django.db import models


class Kind(models.TextChoices):
    """Every kind of notification; other apps pass one of these to `notify`."""

    ASK_RECEIVED = "ask_received", "Someone asks you for an intro conversation"
    ASK_ACCEPTED = "ask_accepted", "A mentor says yes to your ask"
    ASK_DECLINED = "ask_declined", "A mentor can't take on your ask"
    ASK_WITHDRAWN = "ask_withdrawn", "A mentee withdraws their ask to you"
    ASK_FOLLOW_UP = "ask_follow_up", "Friendly reminders about asks still waiting for an answer"
    ASK_EXPIRED = "ask_expired", "An ask closes without an answer"
    AGREEMENT_PROPOSED = "agreement_proposed", "A mentoring agreement is proposed to you"
    AGREEMENT_ANSWERED = "agreement_answered", "Your proposed agreement gets an answer"
    RENEWAL_PROPOSED = "renewal_proposed", "Someone suggests renewing your mentorship"
    FEEDBACK_RECEIVED = "feedback_received", "Someone shares feedback on your mentorship"
    MEETING_PROPOSED = "meeting_proposed", "Someone suggests times to meet"
    MEETING_SCHEDULED = "meeting_scheduled", "A meeting is set, with its calendar invite"
    MEETING_CHANGED = "meeting_changed", "A meeting is rescheduled or cancelled"
    MEETING_REMINDER = "meeting_reminder", "Reminders a day and an hour before a meeting"
    MEETING_FOLLOW_UP = "meeting_follow_up", "After a meeting: a thank-you and feedback prompt"
    THANK_YOU_RECEIVED = "thank_you_received", "Someone thanks you after a meeting"
    ACTION_ITEM = "action_item", "Action items: outcomes reported and due dates passed"
    CADENCE_SLIPPING = "cadence_slipping", "Meetings fall behind the rhythm you agreed"
    QUIET_BACK_OFF = "quiet_back_off", "When the other side has been quiet for three weeks"
    TERM_REVIEW = "term_review", "The term ends in a month: time to look back together"
    MENTORSHIP_CHANGED = (
        "mentorship_changed",
        "A mentorship is paused, resumed, closed or completed",
    )
    MESSAGE_RECEIVED = "message_received", "The other side writes to you (once until you read it)"
    PROGRAM_MATCH = "program_match", "A program you take part in introduces you to someone"
    PROGRAM_NEWS = "program_news", "Programs: your application is answered, you are invited"
    PROGRAM_PULSE = "program_pulse", "A program asks one quick question about how it's going"
    PROGRAM_CHECK_IN = "program_check_in", "A program's manager checks in on your mentorship"


class Delivery(models.TextChoices):
    """How a person wants to hear about one kind by email; the in-app centre always shows it."""

    IMMEDIATE = "immediate", "Immediately"
    DIGEST = "digest", "Daily digest"
    OFF = "off", "Off"
