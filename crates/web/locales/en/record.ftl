## The record page: its head, its timeline and durations.

record-key-facts = Key facts
record-action-tel = Call
record-action-whatsapp = WhatsApp
record-action-mailto = Email
record-more-actions = More
record-next = Next:
record-overdue = Overdue
record-related = Related records
record-no-details = No details yet.
record-show-all-fields = { $count ->
    [one] Show all fields ({ $count } empty)
   *[other] Show all fields ({ $count } empty)
}

timeline-all = All
timeline-changes = Changes
timeline-filter = Show on the timeline
timeline-upcoming = Upcoming
timeline-history = History
timeline-history-empty = Nothing has happened here yet.
timeline-filtered-empty = Nothing of this kind yet.
timeline-change-to = changed to

duration-seconds = { $seconds } s
duration-minutes = { $minutes } min
duration-hours = { $hours } h
duration-hours-minutes = { $hours } { $minutes }
duration-input-label = { $label } (minutes)
duration-unreadable = Type minutes (90), hours and minutes (1:30) or units (1h 30m).
duration-too-long = At most 10,000 hours.
