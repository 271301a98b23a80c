## Calendar
cal-nav = Move through the calendar
cal-prev = Previous
cal-next = Next
cal-today = Today
cal-views = View
cal-view-day = Day
cal-view-week = Week
cal-view-month = Month
cal-go-to = Date
cal-owner = Calendar of
cal-owner-me = Me
cal-owner-team = Team { $team }
cal-show = Show
cal-help = Choose an hour (or a day of the month) to schedule a meeting then. Drag a meeting, call or task to another slot to move it, or use its “Reschedule” form.
cal-empty = Nothing is scheduled here. Choose a slot to schedule a meeting.
cal-day-empty = Nothing scheduled.
cal-truncated = Not everything fits in this view: show a shorter period (a week or a day) to see all of it.
cal-more = { $count ->
    [one] { $count } more
   *[other] { $count } more
}
cal-slot = New meeting on { $date } at { $time }
cal-new-on = New meeting on { $date }
cal-new-meeting = New meeting
cal-create-meeting = Create meeting
cal-reschedule = Reschedule
cal-reschedule-start = New start of “{ $title }”
cal-reschedule-submit = Move
cal-moved = Moved “{ $title }” to { $when }.
cal-conflict = Someone else changed this after the calendar was loaded, so it was not moved. The calendar now shows it as it is saved.
cal-forbidden = You may not move this: your role does not let you change it. Nothing was changed.
cal-gone = This no longer exists or is not shared with you. Nothing was changed.
cal-refused = The move was refused: { $reason } Nothing was changed.
cal-bad-view = The parameter “{ $name }” must be day, week or month, not “{ $value }”.
cal-bad-date = The parameter “{ $name }” must be a date written as year-month-day, like 2026-03-02, not “{ $value }”.
cal-bad-owner = The parameter “{ $name }” must be me, the id of a user, or team: and the id of a team; “{ $value }” is none of these.
cal-bad-start = The parameter “{ $name }” must be a date and time like 2026-03-02T09:00, not “{ $value }”.
cal-bad-start-field = “{ $value }” is not a date and time. Nothing was changed.
cal-title-week = { $from } – { $to }
